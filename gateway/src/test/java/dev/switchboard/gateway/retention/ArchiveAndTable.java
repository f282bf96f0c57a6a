package dev.switchboard.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.audit.archive.Archive;
import dev.switchboard.audit.archive.ArchivedRow;
import dev.switchboard.audit.retention.TableRows;
import dev.switchboard.gateway.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The log as the live table and an archive directory hold it between them, read back row by row. */
record ArchiveAndTable(List<ArchivedRow> table, List<ArchivedRow> archive) {

    static ArchiveAndTable read(TestDatabase database, Path directory) throws SQLException {
        List<ArchivedRow> table = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM domain_event_entry ORDER BY global_index")) {
            while (rows.next()) {
                table.add(TableRows.row(rows));
            }
        }
        Archive archive = Archive.at(directory);
        archive.verify();
        try (Stream<ArchivedRow> archived = archive.rows()) {
            return new ArchiveAndTable(table, archived.toList());
        }
    }

    /** Every row of {@code original} is in exactly one of the two, with the same bytes, and nothing else is. */
    void holdExactly(List<ArchivedRow> original) {
        Map<Long, ArchivedRow> union = new TreeMap<>();
        for (ArchivedRow row : table) {
            union.put(row.globalIndex(), row);
        }
        for (ArchivedRow row : archive) {
            assertThat(union.put(row.globalIndex(), row))
                    .as("position %d is in the archive and in the table", row.globalIndex())
                    .isNull();
        }
        assertThat(union.values()).containsExactlyElementsOf(original);
    }

    /** The positions held by both: what an archive run has written but not yet deleted (or a crash left). */
    List<Long> inBoth() {
        var archived = new HashSet<>(archivedPositions());
        return table.stream()
                .map(ArchivedRow::globalIndex)
                .filter(archived::contains)
                .toList();
    }

    List<Long> archivedPositions() {
        return archive.stream().map(ArchivedRow::globalIndex).toList();
    }
}
