package dev.switchboard.gateway.agent;

/** The agent backend answered with a status other than 2xx. */
class BackendStatusException extends RuntimeException {

    private final int status;

    BackendStatusException(int status) {
        super("the agent backend answered HTTP " + status, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** A 4xx other than 429: the backend is up and refuses this message; sending it again would change nothing. */
    boolean refusal() {
        return status >= 400 && status < 500 && status != 429;
    }
}
