-- Admits a call against all its budgets at once, or against none, and reserves its estimated cost on each.
-- Amounts are integer nano-dollars. Per budget two keys: KEYS[2i-1] what was spent in the current period,
-- KEYS[2i] what calls in flight have reserved. ARGV[1]: the number of budgets; ARGV[2]: the estimate to reserve;
-- ARGV[3]: the lifetime of the keys in seconds; then, per budget, three values:
--   max     the budget
--   init    the spend to start from when this period's key does not exist yet (the database's, or 0 after a reset)
--   strict  '1': over budget when spent + reserved > max (users, teams, end users); '0': when >= max (keys)
-- Returns {1, 0} when admitted, {0, i, spent, reserved} when budget i refused it.
local n = tonumber(ARGV[1])
local estimate = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
for i = 1, n do
  local max = tonumber(ARGV[4 + (i - 1) * 3])
  local init = ARGV[5 + (i - 1) * 3]
  local strict = ARGV[6 + (i - 1) * 3] == '1'
  redis.call('SET', KEYS[2 * i - 1], init, 'NX', 'EX', ttl)
  local spent = tonumber(redis.call('GET', KEYS[2 * i - 1]))
  local reserved = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  local total = spent + reserved
  if (strict and total > max) or ((not strict) and total >= max) then
    return {0, i, spent, reserved}
  end
end
for i = 1, n do
  redis.call('EXPIRE', KEYS[2 * i - 1], ttl)
  redis.call('INCRBY', KEYS[2 * i], estimate)
  redis.call('EXPIRE', KEYS[2 * i], ttl)
end
return {1, 0}
