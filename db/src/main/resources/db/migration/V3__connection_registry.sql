-- The live connection registry: one row per connection, projected from the event log in the same transaction as
-- the events, so the node that issued a command reads its own write. Either id finds the row.
CREATE TABLE connection_registry (
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
    PRIMARY KEY (preliminary_id),
    CONSTRAINT connection_registry_final_id UNIQUE (final_id)
);

-- A user's connections by state: the routing lookup for every delivered event.
CREATE INDEX connection_registry_user_state ON connection_registry (user_id, state);
-- Counts by state and node for operators, and a node's connections for ghost reaping.
CREATE INDEX connection_registry_node_state ON connection_registry (node_id, state);
