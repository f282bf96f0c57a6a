-- What left the live table for an archive: one row per archive segment, written by the archive run before the first
-- of its rows is deleted, so no position is ever missing from domain_event_entry without a row here naming where it
-- went. The audit tools read it to refuse (or warn) when asked to read the log without the archive that completes it,
-- and to refuse an archive directory that does not hold these segments. (V11: V10 is left to a sibling change.)
CREATE TABLE archive_mark (
    segment_file  VARCHAR(100)             NOT NULL,
    archive_dir   VARCHAR(4096)            NOT NULL,
    from_position BIGINT                   NOT NULL,
    to_position   BIGINT                   NOT NULL,
    from_time     VARCHAR(40)              NOT NULL,
    to_time       VARCHAR(40)              NOT NULL,
    events        BIGINT                   NOT NULL,
    marked_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (segment_file)
);

-- The newest mark answers "events up to position N were archived": MAX(to_position) without reading the table.
CREATE INDEX archive_mark_to_position ON archive_mark (to_position);
