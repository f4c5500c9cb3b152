-- Settles a finished call: gives back its reservation and adds its actual cost, on each of its budgets.
-- KEYS as for budget_admit.lua (spent, reserved pairs). ARGV[1]: the estimate that was reserved;
-- ARGV[2]: the actual cost (integer nano-dollars).
local estimate = tonumber(ARGV[1])
local actual = tonumber(ARGV[2])
for i = 1, #KEYS / 2 do
  local reserved = redis.call('DECRBY', KEYS[2 * i], estimate)
  if reserved < 0 then redis.call('SET', KEYS[2 * i], 0, 'KEEPTTL') end
  if actual > 0 and redis.call('EXISTS', KEYS[2 * i - 1]) == 1 then
    redis.call('INCRBY', KEYS[2 * i - 1], actual)
  end
end
return #KEYS / 2
