package dev.switchboard.audit.retention;

/** An archive run that cannot start: the database is not one it can archive from. */
public final class ArchiveRefusedException extends RuntimeException {

    public ArchiveRefusedException(String message) {
        super(message);
    }
}
