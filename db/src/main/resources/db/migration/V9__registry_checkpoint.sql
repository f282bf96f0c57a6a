-- Compact copies of the registry at known log positions, so that registry-at replays from the nearest one at or
-- before the position asked for instead of from the beginning of the log. A closed row never changes again, so each
-- checkpoint holds only the rows that closed since the previous one (closed_rows); of the rows not CLOSED at its
-- position, a full checkpoint holds all (open_rows, full = true), the others only those that changed since the
-- previous checkpoint. The registry at any position is the closed rows of the checkpoints up to the nearest one, the
-- open rows of the nearest full one brought forward by the ones after it, and a replay of the events after the
-- nearest. Rows are gzipped JSON.
CREATE TABLE registry_checkpoint (
    position     BIGINT      NOT NULL,
    full_copy    BOOLEAN     NOT NULL,
    open_rows    BYTEA       NOT NULL,
    closed_rows  BYTEA       NOT NULL,
    open_count   INTEGER     NOT NULL,
    closed_count INTEGER     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (position)
);

