-- A registry rebuilt from the log beside the live one, then compared with it row by row. Same columns and the same
-- keys as connection_registry: the final id's unique key holds a replay to the rule the live table enforces. The live
-- table's two secondary indexes serve routing reads, which never read this table, so they would only slow the replay.
CREATE TABLE connection_registry_rebuild (
    preliminary_id   VARCHAR(255) NOT NULL,
    final_id         VARCHAR(255),
    user_id          VARCHAR(255),
    node_id          VARCHAR(255) NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    authenticated_at TIMESTAMP WITH TIME ZONE,
    ready_at         TIMESTAMP WITH TIME ZONE,
    closed_at        TIMESTAMP WITH TIME ZONE,
    close_reason     VARCHAR(32),
    last_position    BIGINT       NOT NULL,
    CONSTRAINT connection_registry_rebuild_pkey PRIMARY KEY (preliminary_id),
    CONSTRAINT connection_registry_rebuild_final_id UNIQUE (final_id)
);

-- One row per projection: where its rebuild stands, readable by every node. A rebuild claims the row with a
-- conditional update (state not running, or its owner silent since updated_at), which is what keeps it one at a time.
CREATE TABLE projection_status (
    name         VARCHAR(64)  NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    position     BIGINT       NOT NULL,
    events_done  BIGINT       NOT NULL,
    events_total BIGINT       NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE,
    finished_at  TIMESTAMP WITH TIME ZONE,
    message      VARCHAR(4000),
    owner        VARCHAR(255),
    updated_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT projection_status_pkey PRIMARY KEY (name)
);

INSERT INTO projection_status (name, state, position, events_done, events_total) VALUES ('registry', 'IDLE', 0, 0, 0);
