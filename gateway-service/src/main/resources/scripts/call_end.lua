-- Ends a call in one round trip: gives back its parallel slots and counts its tokens (rate_limit_release.lua), and
-- settles its budgets with its actual cost (budget_settle.lua).
-- KEYS: the limits' keys, then the budgets'. ARGV[1]: how many KEYS are the limits'; ARGV[2]: how many of the ARGV
-- after these two are the limits' (none when there is nothing to release); then the limits' ARGV as
-- rate_limit_release.lua takes them, then the budgets' as budget_settle.lua takes them (none when no budget).
local limit_keys = tonumber(ARGV[1])
local limit_args = tonumber(ARGV[2])
if limit_args > 0 then
  rate_limit_release(slice(KEYS, 1, limit_keys), slice(ARGV, 3, 2 + limit_args))
end
if #ARGV > 2 + limit_args then
  budget_settle(slice(KEYS, limit_keys + 1, #KEYS), slice(ARGV, 3 + limit_args, #ARGV))
end
return 1
