package dev.switchboard.audit.archive;

/** A complete segment that does not hold what its manifest says: its bytes, its rows or its range differ. */
public final class ArchiveCorruptException extends RuntimeException {

    public ArchiveCorruptException(String message) {
        super(message);
    }

    public ArchiveCorruptException(String message, Throwable cause) {
        super(message, cause);
    }
}
