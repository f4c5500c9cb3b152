-- Nothing to change: V1 created the final shape. Kept so both databases stand at the same version.
SELECT 1;
