package dev.switchboard.gateway.retention;

import dev.switchboard.audit.archive.ArchiveMarks;
import dev.switchboard.gateway.support.TestDatabase;
import java.util.List;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The {@code archive_mark} rows of a database, each as "{@code <archive dir> <segment file>}". */
final class ArchiveMarksRead {

    private ArchiveMarksRead() {}

    static List<String> of(TestDatabase database) {
        var dataSource =
                new SingleConnectionDataSource(database.jdbcUrl(), database.username(), database.password(), true);
        try {
            return new ArchiveMarks(dataSource)
                    .all().stream()
                            .map(mark -> mark.archiveDir() + " " + mark.segmentFile())
                            .toList();
        } finally {
            dataSource.destroy();
        }
    }
}
