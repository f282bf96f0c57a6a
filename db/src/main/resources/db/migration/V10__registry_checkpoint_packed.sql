-- Registry checkpoints as V9 keeps them (the rows that closed since the previous checkpoint; the open rows, all of
-- them in a full copy, else those changed since the previous one), with the rows packed as fixed fields instead of
-- gzipped JSON: parsing the JSON was most of a registry-at's time. closed_ids holds the ids of the rows that were open
-- at the previous checkpoint and closed since: all that bringing a full copy's open rows forward needs of the closed
-- ones, so that full copies (most of the table) can be far apart. A new table rather than a
-- new form in the old one, so that a node of the previous version still running during an upgrade keeps writing its
-- own form where this version does not read it. The node's checkpoint job makes these from the start of the log; the
-- old table is no longer read and may be dropped once no node of the previous version runs.
CREATE TABLE registry_checkpoint_packed (
    position     BIGINT      NOT NULL,
    full_copy    BOOLEAN     NOT NULL,
    open_rows    BYTEA       NOT NULL,
    closed_rows  BYTEA       NOT NULL,
    closed_ids   BYTEA       NOT NULL,
    open_count   INTEGER     NOT NULL,
    closed_count INTEGER     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (position)
);
