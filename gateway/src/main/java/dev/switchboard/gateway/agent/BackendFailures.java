package dev.switchboard.gateway.agent;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** How the forwarding path reads a failed attempt: retry it or not, count it against the backend or not, say why. */
final class BackendFailures {

    private BackendFailures() {}

    static RuntimeException unwrapped(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private static Throwable cause(Throwable failure) {
        RuntimeException unwrapped = unwrapped(failure);
        return unwrapped instanceof CompletionException && unwrapped.getCause() != null
                ? unwrapped.getCause()
                : unwrapped;
    }

    static boolean refusal(Throwable failure) {
        return cause(failure) instanceof BackendStatusException status && status.refusal();
    }

    static boolean retryable(Throwable failure) {
        Throwable cause = cause(failure);
        return !(cause instanceof CallNotPermittedException) && !refusal(cause);
    }

    /** A sentence for the client's error and the log; names no secret, no header and no body. */
    static String describe(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause instanceof CallNotPermittedException) {
            return "the agent backend failed too often lately; the node stops calling it for a while";
        }
        if (cause instanceof BackendStatusException status) {
            return status.getMessage();
        }
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return "the agent backend did not answer in time";
        }
        if (cause instanceof ConnectException) {
            return "the agent backend could not be reached";
        }
        return "the agent backend could not be called (" + cause.getClass().getSimpleName() + ")";
    }
}
