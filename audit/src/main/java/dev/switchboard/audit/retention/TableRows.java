package dev.switchboard.audit.retention;

import dev.switchboard.audit.archive.ArchivedRow;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A {@code domain_event_entry} row as the archive keeps it, read from a result holding every column. */
public final class TableRows {

    private TableRows() {}

    public static ArchivedRow row(ResultSet rows) throws SQLException {
        return new ArchivedRow(
                rows.getLong("global_index"),
                rows.getString("aggregate_identifier"),
                rows.getLong("sequence_number"),
                rows.getString("type"),
                rows.getString("event_identifier"),
                rows.getBytes("meta_data"),
                rows.getBytes("payload"),
                rows.getString("payload_revision"),
                rows.getString("payload_type"),
                rows.getString("time_stamp"));
    }
}
