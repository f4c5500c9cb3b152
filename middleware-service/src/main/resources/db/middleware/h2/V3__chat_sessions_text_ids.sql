-- Nothing to change: the embedded database's ids were text from the start. Kept so both databases stand at the same
-- version.
SELECT 1;
