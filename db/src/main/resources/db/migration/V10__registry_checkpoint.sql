-- Compact copies of the registry at known log positions, so that registry-at replays from the nearest one at or
-- before the position asked for instead of from the beginning of the log. A checkpoint holds the rows that were not
-- CLOSED at its position and the rows that closed since the previous checkpoint (a closed row never changes again):
-- each costs the events since the previous one to make, and the registry at any position is the closed rows of the
-- checkpoints up to the nearest one, its open rows, and a replay of the events after it. Rows are gzipped JSON.
CREATE TABLE registry_checkpoint (
    position     BIGINT      NOT NULL,
    open_rows    BYTEA       NOT NULL,
    closed_rows  BYTEA       NOT NULL,
    open_count   INTEGER     NOT NULL,
    closed_count INTEGER     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (position)
);
