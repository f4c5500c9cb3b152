-- Ends an admitted request: releases its parallel slots and adds the tokens it used to its token windows.
-- KEYS: the parallel counters, then the token counters. ARGV[1]: how many KEYS are parallel counters,
-- ARGV[2]: tokens used, ARGV[3]: token window lifetime in ms.
local parallel = tonumber(ARGV[1])
local tokens = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
for i = 1, #KEYS do
  if i <= parallel then
    local value = redis.call('DECR', KEYS[i])
    if value <= 0 then redis.call('DEL', KEYS[i]) end
  elseif tokens > 0 then
    redis.call('INCRBY', KEYS[i], tokens)
    if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ttl) end
  end
end
return #KEYS
