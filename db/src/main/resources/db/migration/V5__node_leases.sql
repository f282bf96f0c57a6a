-- One lease per node. A node renews its row every few seconds; a row left ALIVE past expires_at belongs to a node that
-- died, and the first node whose conditional UPDATE moves it to REAPING closes that node's connections (NODE_LOST).
-- States: ALIVE, REAPING (claimed by reaped_by, until expires_at), REAPED, STOPPED (drained and left cleanly).
-- The table holds one row per node id ever seen, so the reaper's scan needs no index beyond the key.
CREATE TABLE node_lease (
    node_id    VARCHAR(255) NOT NULL,
    state      VARCHAR(16)  NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    renewed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    reaped_by  VARCHAR(255),
    reaped_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (node_id)
);
