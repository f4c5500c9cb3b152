-- Counts a deployment's failure in the current minute and starts its cooldown once the
-- failures pass allowed_fails, or at once when the error itself calls for one (a 429,
-- 401, 404 or 408, as LiteLLM cools those down immediately).
-- KEYS[1] the minute's failure counter, KEYS[2] the cooldown flag
-- ARGV[1] allowed fails, ARGV[2] cooldown in milliseconds, ARGV[3] '1' to cool down now
-- Returns the cooldown's remaining milliseconds when one is in force, else 0.
local fails = redis.call('INCR', KEYS[1])
if fails == 1 then
  redis.call('PEXPIRE', KEYS[1], 60000)
end
if ARGV[3] == '1' or fails > tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
  return tonumber(ARGV[2])
end
return 0
