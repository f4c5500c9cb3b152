-- Settles a finished call: gives back its reservation and adds its actual cost, on each of its budgets.
-- KEYS as for budget_admit.lua (spent, reserved, holds triples). ARGV[1]: the reservation id; ARGV[2]: the actual cost
-- (integer nano-dollars); ARGV[3]: '1' when the call was admitted by the gateway itself while Redis was away, so its
-- cost is added whether or not Redis holds its reservation; '0' when Redis admitted it, so its cost is added only
-- together with giving back the reservation: a settle sent twice (once timed out, once again) counts once.
local reservation = ARGV[1]
local actual = tonumber(ARGV[2])
local unconditional = ARGV[3] == '1'
for i = 1, #KEYS / 3 do
  local held = redis.call('HGET', KEYS[3 * i], reservation)
  if held then
    redis.call('HDEL', KEYS[3 * i], reservation)
    local reserved = redis.call('DECRBY', KEYS[3 * i - 1], tonumber(held))
    if reserved < 0 then redis.call('SET', KEYS[3 * i - 1], 0, 'KEEPTTL') end
  end
  if actual > 0 and (held or unconditional) and redis.call('EXISTS', KEYS[3 * i - 2]) == 1 then
    redis.call('INCRBY', KEYS[3 * i - 2], actual)
  end
end
return #KEYS / 3
