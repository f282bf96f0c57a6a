package dev.switchboard.gateway.cli;

/** A failure an operator can act on: one sentence and a stable exit code, never a stack trace. */
final class CliFailure extends RuntimeException {

    /** The command ran and found a problem in the data (e.g. verify found differences). */
    static final int FOUND_PROBLEMS = 1;
    /** Picocli's own code for bad usage. */
    static final int USAGE = 2;

    static final int NOT_FOUND = 3;
    static final int DATABASE = 4;
    /**
     * The database marks events archived that this run would not read (no {@code --archive}, or a directory that lacks
     * the marked segments): a command whose answer needs the whole log refuses rather than answer without them.
     */
    static final int ARCHIVE_NOT_READ = 5;
    /** An archive segment differs from its manifest (its SHA-256, its rows): the sentence names the file. */
    static final int ARCHIVE_DAMAGED = 6;

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
