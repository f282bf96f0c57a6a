-- What each idempotency key was first sent with: the SHA-256 of the event's run id, name and data as canonical JSON.
-- A push that repeats a key with another body is refused (409 idempotency_key_reused) instead of being answered with
-- the earlier event's seq. Keys stored before this column existed have none, and are answered as before, whatever the
-- body.
ALTER TABLE feed_idempotency_key ADD COLUMN body_sha256 BYTEA;
