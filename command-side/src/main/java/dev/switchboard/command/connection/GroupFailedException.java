package dev.switchboard.command.connection;

/**
 * A group of commands could not all be sent, for a reason other than a refusal (the database, most likely): the
 * first {@link #committed()} of them are in the log, the others are not. The cause says what failed.
 */
public class GroupFailedException extends RuntimeException {

    private final int committed;

    public GroupFailedException(int committed, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.committed = committed;
    }

    /** How many of the group's commands, from the first, are committed. */
    public int committed() {
        return committed;
    }
}
