package dev.switchboard.audit.rebuild;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes the live registry equal to the rebuilt one by replacing only the rows that differ, in the caller's (locked)
 * transaction. Readers see the old rows or the new ones, never a gap: the change commits as one. Rows that already
 * match are not touched, so the cost follows the differences, not the table (see {@link RegistryRebuild}).
 */
final class RegistryRepair {

    private final JdbcTemplate jdbc;

    RegistryRepair(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param removed live rows deleted: the extra ones and the differing ones
     * @param inserted rows copied from the replay: the missing ones and the differing ones
     */
    record Result(int removed, int inserted) {}

    Result apply(String liveTable, String rebuiltTable) {
        // delete before insert, so a final id moving between two rows never meets its own old copy in the unique key
        int removed = jdbc.update("DELETE FROM " + liveTable + " WHERE NOT EXISTS (SELECT 1 FROM " + rebuiltTable
                + " r WHERE r.preliminary_id = " + liveTable + ".preliminary_id AND NOT "
                + RegistryVerify.differs(liveTable, "r") + ")");
        String columns = "preliminary_id, " + String.join(", ", RegistryVerify.COLUMNS);
        int added = jdbc.update("INSERT INTO " + liveTable + " (" + columns + ") SELECT " + columns + " FROM "
                + rebuiltTable + " r WHERE NOT EXISTS (SELECT 1 FROM " + liveTable
                + " l WHERE l.preliminary_id = r.preliminary_id)");
        return new Result(removed, added);
    }
}
