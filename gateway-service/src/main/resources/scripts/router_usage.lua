-- Adds this instance's new usage of deployments to the shared per-minute counters and
-- reads back the totals of every instance, in one round trip.
-- KEYS the counters (tokens and requests of each deployment for the current minute)
-- ARGV the amounts to add, in the same order (0 to only read), then the keys' lifetime
-- in milliseconds
-- Returns the totals, in the same order.
local ttl = ARGV[#ARGV]
local totals = {}
for i = 1, #KEYS do
  local delta = tonumber(ARGV[i])
  if delta > 0 then
    totals[i] = redis.call('INCRBY', KEYS[i], delta)
    redis.call('PEXPIRE', KEYS[i], ttl)
  else
    totals[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
  end
end
return totals
