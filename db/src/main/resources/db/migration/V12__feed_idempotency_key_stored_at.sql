-- When each idempotency key was stored, so that retention can let keys go after a period
-- (SWITCHBOARD_RETENTION_IDEMPOTENCY_KEYS): kept for good, one row per keyed event grows the table as long as the log.
-- Keys stored before this column existed take the time of the migration: they are kept one whole period from the
-- upgrade on. The index serves retention's "oldest first, a batch at a time".
ALTER TABLE feed_idempotency_key ADD COLUMN stored_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
CREATE INDEX feed_idempotency_key_stored_at ON feed_idempotency_key (stored_at);
