-- pgbench's baseline for the lifecycle figure: one single-row insert per transaction, each a commit (fsync) like
-- each command of a lifecycle.
INSERT INTO bench_insert (payload) VALUES ('one row, one transaction, one commit');
