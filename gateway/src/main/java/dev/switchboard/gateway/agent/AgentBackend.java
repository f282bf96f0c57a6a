package dev.switchboard.gateway.agent;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends messages to the agent backend without ever blocking the caller: the JDK's asynchronous HTTP client, each
 * attempt timed ({@link TimeLimiter}), failed attempts retried with jittered exponential backoff ({@link Retry}),
 * and every attempt counted by a {@link CircuitBreaker} that stops calls to a failing backend for a while. A 2xx takes the message; a 4xx other than 429
 * refuses it for good (not retried, and not held against the backend's health); anything else is a failure.
 */
final class AgentBackend {

    /** What came of one message: taken on a 2xx, or not, with the last status (0 for none) and why. */
    record Answer(boolean accepted, int status, int attempts, String detail) {}

    private final HttpClient http;
    private final URI url;
    private final AgentSignature signature;
    private final Clock clock;
    private final Duration timeout;
    private final ScheduledExecutorService timers;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final TimeLimiter limiter;

    AgentBackend(AgentBackendProperties properties, Clock clock, ScheduledExecutorService timers) {
        properties.requireSecret();
        this.url = properties.url();
        this.signature = new AgentSignature(properties.secret());
        this.clock = clock;
        this.timeout = properties.timeout();
        this.timers = timers;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout())
                .build();
        this.breaker = CircuitBreaker.of(
                "agent-backend",
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(properties.breakerFailureRate())
                        .slidingWindowSize(properties.breakerWindow())
                        .minimumNumberOfCalls(properties.breakerWindow())
                        .waitDurationInOpenState(properties.breakerOpenFor())
                        .recordException(failure -> !BackendFailures.refusal(failure))
                        .build());
        this.retry = Retry.of(
                "agent-backend",
                RetryConfig.custom()
                        .maxAttempts(properties.maxAttempts())
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(properties.retryBackoff(), 2.0))
                        .retryOnException(BackendFailures::retryable)
                        .build());
        this.limiter = TimeLimiter.of(TimeLimiterConfig.custom()
                .timeoutDuration(properties.timeout())
                .cancelRunningFuture(true)
                .build());
    }

    /** Sends the JSON body; the answer completes on the HTTP client's or the timers' threads, never exceptionally. */
    CompletionStage<Answer> send(String body) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger lastStatus = new AtomicInteger();
        return retry.executeCompletionStage(
                        timers,
                        () -> breaker.executeCompletionStage(() ->
                                limiter.executeCompletionStage(timers, () -> attempt(body, attempts, lastStatus))))
                .handle((status, failure) -> failure == null
                        ? new Answer(true, status, attempts.get(), null)
                        : new Answer(false, lastStatus.get(), attempts.get(), BackendFailures.describe(failure)));
    }

    private CompletableFuture<Integer> attempt(String body, AtomicInteger attempts, AtomicInteger lastStatus) {
        attempts.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(AgentSignature.HEADER, signature.sign(clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure != null) {
                throw BackendFailures.unwrapped(failure);
            }
            lastStatus.set(response.statusCode());
            if (response.statusCode() / 100 != 2) {
                throw new BackendStatusException(response.statusCode());
            }
            return response.statusCode();
        });
    }
}
