package dev.switchboard.audit.timeline;

import dev.switchboard.api.registry.ConnectionView;

/** A registry row as a checkpoint keeps it, with the position its connection was opened at (the rows' order). */
record CheckpointRow(long openedAt, ConnectionView row) {}
