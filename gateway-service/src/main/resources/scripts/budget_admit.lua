-- Admits a call against all its budgets at once, or against none, and reserves its estimated cost on each under the
-- call's own reservation id, so that the reservation is given back exactly once however often its settle is sent.
-- Amounts are integer nano-dollars. Per budget three keys: KEYS[3i-2] what was spent in the current period,
-- KEYS[3i-1] what calls in flight have reserved in all, KEYS[3i] those reservations by id (a hash).
-- ARGV[1]: the number of budgets; ARGV[2]: the estimate to reserve; ARGV[3]: the lifetime of the keys in seconds;
-- ARGV[4]: the reservation id; ARGV[5]: a new epoch value, should this Redis have none; then, per budget, three values:
--   max     the budget
--   init    the spend to start from when this period's key does not exist; '' when the caller has not read it yet
--   strict  '1': over budget when spent + reserved > max (users, teams, end users); '0': when >= max (keys)
-- The epoch is a value this Redis keeps for as long as it keeps its data: a different one tells the gateway that Redis
-- lost its counts (a restart, a failover) and that what it owed the old counts is moot.
-- Returns {1, epoch} when admitted, {0, epoch, i, spent, reserved} when budget i refused it, and {2, epoch, i, j, ...}
-- when budgets i, j, ... have no count yet and the caller must read their spend from the database first.
local n = tonumber(ARGV[1])
local estimate = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local reservation = ARGV[4]
redis.call('SET', 'llmgw:budget:epoch', ARGV[5], 'NX')
local epoch = redis.call('GET', 'llmgw:budget:epoch')
local missing = {2, epoch}
for i = 1, n do
  local init = ARGV[7 + (i - 1) * 3]
  if redis.call('EXISTS', KEYS[3 * i - 2]) == 0 then
    if init == '' then
      missing[#missing + 1] = i
    else
      redis.call('SET', KEYS[3 * i - 2], init, 'NX', 'EX', ttl)
    end
  end
end
if #missing > 2 then
  return missing
end
for i = 1, n do
  local max = tonumber(ARGV[6 + (i - 1) * 3])
  local strict = ARGV[8 + (i - 1) * 3] == '1'
  local spent = tonumber(redis.call('GET', KEYS[3 * i - 2]))
  local reserved = tonumber(redis.call('GET', KEYS[3 * i - 1]) or '0')
  local total = spent + reserved
  if (strict and total > max) or ((not strict) and total >= max) then
    return {0, epoch, i, spent, reserved}
  end
end
for i = 1, n do
  redis.call('EXPIRE', KEYS[3 * i - 2], ttl)
  redis.call('INCRBY', KEYS[3 * i - 1], estimate)
  redis.call('EXPIRE', KEYS[3 * i - 1], ttl)
  redis.call('HSET', KEYS[3 * i], reservation, estimate)
  redis.call('EXPIRE', KEYS[3 * i], ttl)
end
return {1, epoch}
