package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.protocol.CloseCode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown: first in the stop order, before the web server and Axon stop, the node turns readiness DOWN (no
 * new upgrades), then records SERVER_SHUTDOWN for each socket and closes it with 1001, within the drain timeout.
 * Sockets left when the time is up are closed by the container; another node reaps them as NODE_LOST.
 */
@Component
class Drain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Drain.class);
    private static final int CLOSERS = 8;

    private final LocalSockets sockets;
    private final ApplicationEventPublisher events;
    private final GatewayProperties properties;
    private volatile boolean running;

    Drain(LocalSockets sockets, ApplicationEventPublisher events, GatewayProperties properties) {
        this.sockets = sockets;
        this.events = events;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        List<SocketSession> open = List.copyOf(sockets.all());
        ExecutorService closers = Executors.newFixedThreadPool(CLOSERS);
        // A socket's close frame follows what it had queued (LocalSockets): the closers ask for every close, then the
        // node waits for all of them together, so that clients still reading a burst do not take turns.
        List<CompletableFuture<Void>> closes = open.stream()
                .map(session -> CompletableFuture.supplyAsync(
                                () -> sockets.closeByServer(session, CloseCode.GOING_AWAY, "the node is shutting down"),
                                closers)
                        .thenCompose(closed -> closed)
                        .exceptionally(failure -> {
                            log.warn("closing connection {} failed: {}", session.preliminaryId(), failure.getMessage());
                            return null;
                        }))
                .toList();
        closers.shutdown();
        try {
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new))
                    .get(properties.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn(
                    "drain timeout of {} reached; the remaining sockets are left to the reaper",
                    properties.drainTimeout());
            closers.shutdownNow();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a close failed past its own handler", e); // exceptionally() took them all
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("drained {} sockets", open.size());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The highest phase stops first: before the web server's graceful shutdown and before Axon. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
