-- Who blocked a key, so that /key/unblock can refuse a caller with less authority than the blocker
-- (an owner cannot lift a proxy admin's or team admin's block). One of proxy_admin, team_admin, owner;
-- NULL on a blocked row (blocked before this column existed) is read as proxy_admin.
ALTER TABLE api_keys ADD COLUMN blocked_by VARCHAR(32);
