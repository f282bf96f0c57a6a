-- The idempotency keys of users' agent events, written in the same transaction as the event that carries one: a push
-- repeating a key its user's feed holds gets that event back and appends nothing. Read by the key alone, so a check
-- costs the same however long the feed and however cold the node. Kept for good, one small row per keyed event
-- (the feed used to remember only each user's last 1,000 keys). Events appended before this table existed are not in
-- it: a retry that spans the upgrade is appended once more.
CREATE TABLE feed_idempotency_key (
    user_id         VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    seq             BIGINT       NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
