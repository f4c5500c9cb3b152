-- Admits a call on its budgets and its rate limits in one round trip, all or nothing: the budgets first
-- (budget_admit.lua), then, only when they admitted it, the limits (rate_limit_admit.lua); when a limit refuses the
-- call, its budget reservations are given back at once (budget_settle.lua, nothing spent), so a refused call holds
-- nothing and counts against nothing.
-- KEYS: the budgets' (three per budget), then the limits' counters.
-- ARGV[1]: how many KEYS are the budgets'; ARGV[2]: how many of the ARGV after these two are the budgets' (none when
-- the call has no budget); then the budgets' ARGV as budget_admit.lua takes them, then the limits' as
-- rate_limit_admit.lua takes them (none when the call has no limit).
-- Returns {the budgets' answer, the limits' answer}, each as its own script returns it, or empty when not asked;
-- the budgets' answer starts with 3 instead of 1 when a limit refused the call and the reservations were given back.
local budget_keys = tonumber(ARGV[1])
local budget_args = tonumber(ARGV[2])
local bk = slice(KEYS, 1, budget_keys)
local ba = slice(ARGV, 3, 2 + budget_args)
local lk = slice(KEYS, budget_keys + 1, #KEYS)
local la = slice(ARGV, 3 + budget_args, #ARGV)
local budgets = {}
if budget_args > 0 then
  budgets = budget_admit(bk, ba)
  if budgets[1] ~= 1 then
    return {budgets, {}}
  end
end
local limits = {}
if #la > 0 then
  limits = rate_limit_admit(lk, la)
  if limits[1] ~= 1 and budget_args > 0 then
    -- ba[4] is the reservation id; nothing spent, and the reservation is Redis's own
    budget_settle(bk, {ba[4], '0', '0'})
    budgets[1] = 3
  end
end
return {budgets, limits}
