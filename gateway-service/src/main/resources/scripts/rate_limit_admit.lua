-- Admits a request against all its rate limits at once, or against none: either every counter it touches moves,
-- or none does (a refused request uses up nothing).
-- KEYS[i]: the counter of check i. ARGV[1]: the number of checks; then, per check, three values:
--   kind    'requests' (counted now, in a fixed window), 'parallel' (counted now, released at the end),
--           'tokens' (counted at the end; refused once the window's total has reached the limit)
--   limit   the limit
--   ttl_ms  how long the counter lives (the window, or a safety expiry for parallel counters)
-- Returns {1, 0, remaining_1, ...} when admitted, {0, i, remaining_1, ...} when check i refused it.
local n = tonumber(ARGV[1])
local remaining = {}
local refused = 0
for i = 1, n do
  local kind = ARGV[2 + (i - 1) * 3]
  local limit = tonumber(ARGV[3 + (i - 1) * 3])
  local value = tonumber(redis.call('GET', KEYS[i]) or '0')
  if kind == 'tokens' then
    remaining[i] = limit - value
    if value >= limit and refused == 0 then refused = i end
  else
    remaining[i] = limit - value - 1
    if value + 1 > limit and refused == 0 then refused = i end
  end
end
if refused > 0 then
  local result = {0, refused}
  for i = 1, n do result[i + 2] = math.max(remaining[i], 0) end
  return result
end
for i = 1, n do
  local kind = ARGV[2 + (i - 1) * 3]
  local ttl = tonumber(ARGV[4 + (i - 1) * 3])
  if kind ~= 'tokens' then
    redis.call('INCR', KEYS[i])
    redis.call('PEXPIRE', KEYS[i], ttl)
  end
end
local result = {1, 0}
for i = 1, n do result[i + 2] = math.max(remaining[i], 0) end
return result
