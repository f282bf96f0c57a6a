package dev.switchboard.audit.retention;

/**
 * What an archive run did.
 *
 * @param segments segments written
 * @param archived rows written to them
 * @param deleted rows deleted from the live table, those of segments a crashed run left behind included
 * @param recovered of those, rows of segments an earlier run wrote but had not finished deleting
 */
public record ArchiveResult(int segments, long archived, long deleted, long recovered) {}
