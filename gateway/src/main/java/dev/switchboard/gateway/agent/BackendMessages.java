package dev.switchboard.gateway.agent;

import dev.switchboard.api.message.AgentMessageAnswered;
import dev.switchboard.api.message.AgentMessageForwarded;
import dev.switchboard.gateway.availability.DatabaseAvailability;
import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.protocol.ClientFrame;
import dev.switchboard.gateway.protocol.ErrorCode;
import dev.switchboard.gateway.protocol.FrameCodec;
import dev.switchboard.gateway.socket.MessageListener;
import dev.switchboard.gateway.socket.ReadySocket;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Answers a client's {@code message} through the operator's agent backend: records it as forwarded under a new run
 * id, POSTs it (see {@link AgentBackend}), records the outcome, and answers {@code ack} with the run id on a 2xx or
 * {@code error agent_unavailable} otherwise; the backend pushes the run's events through the HTTP API. None of it runs
 * on the socket's thread: the log is written on a small pool of this class, the call is asynchronous. At most
 * {@code max-in-flight} messages are under way at once; one beyond is answered {@code busy}, not recorded.
 */
@Component
@Conditional(AgentBackendCondition.Configured.class)
class BackendMessages implements MessageListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BackendMessages.class);

    private final MessageLog messages;
    private final FrameCodec codec;
    private final DatabaseAvailability database;
    private final Clock clock;
    private final String nodeId;
    private final AgentRequests requests;
    private final Bulkhead inFlight;
    private final ExecutorService writers = Executors.newFixedThreadPool(2, DaemonThreads.named("agent-log"));
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("agent-backend"));
    private final AgentBackend backend;

    BackendMessages(
            AgentBackendProperties properties,
            MessageLog messages,
            FrameCodec codec,
            DatabaseAvailability database,
            Clock clock,
            NodeIdentity node,
            AgentRequests requests) {
        this.messages = messages;
        this.codec = codec;
        this.database = database;
        this.clock = clock;
        this.nodeId = node.id();
        this.requests = requests;
        this.backend = new AgentBackend(properties, clock, timers);
        this.inFlight = Bulkhead.of(
                "agent-messages",
                BulkheadConfig.custom()
                        .maxConcurrentCalls(properties.maxInFlight())
                        .maxWaitDuration(Duration.ZERO)
                        .build());
    }

    @Override
    public void message(ReadySocket socket, ClientFrame.Message message) {
        if (!database.isAvailable()) {
            socket.send(notRecorded(message.id()));
            return;
        }
        if (!inFlight.tryAcquirePermission()) {
            socket.send(codec.error(
                    ErrorCode.BUSY,
                    "the node is forwarding as many messages to the agent as it may; send the message again later",
                    message.id()));
            return;
        }
        Instant now = clock.instant();
        var forwarded = new AgentMessageForwarded(
                socket.userId(),
                socket.finalId(),
                message.id(),
                "run_" + UUID.randomUUID(),
                message.text(),
                now,
                nodeId,
                now);
        CompletableFuture.runAsync(() -> messages.append(forwarded), writers)
                .handle((recorded, failure) -> {
                    if (failure != null) {
                        log.warn("message of run {} not forwarded: it could not be recorded", forwarded.runId());
                        socket.whileReady(() -> socket.send(notRecorded(message.id())));
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return backend.send(requests.body(forwarded))
                            .thenAcceptAsync(answer -> answered(socket, forwarded, answer), writers);
                })
                .thenCompose(next -> next)
                .whenComplete((done, failure) -> inFlight.onComplete());
    }

    private void answered(ReadySocket socket, AgentMessageForwarded forwarded, AgentBackend.Answer answer) {
        if (!answer.accepted()) {
            log.warn(
                    "agent backend did not take the message of run {} after {} attempt(s): {}",
                    forwarded.runId(),
                    answer.attempts(),
                    answer.detail());
        }
        try {
            messages.append(new AgentMessageAnswered(
                    forwarded.userId(),
                    forwarded.connectionId(),
                    forwarded.messageId(),
                    forwarded.runId(),
                    answer.accepted() ? AgentMessageAnswered.ACCEPTED : AgentMessageAnswered.UNAVAILABLE,
                    answer.status(),
                    answer.attempts(),
                    answer.detail(),
                    clock.instant()));
        } catch (RuntimeException e) {
            // the client still hears the outcome; the log keeps the forward without it
            log.warn("the outcome of run {} could not be recorded: {}", forwarded.runId(), e.getMessage());
        }
        String frame = answer.accepted()
                ? codec.ack(forwarded.messageId(), forwarded.runId())
                : codec.error(
                        ErrorCode.AGENT_UNAVAILABLE,
                        answer.detail() + "; the message was not processed, send it again later",
                        forwarded.messageId());
        socket.whileReady(() -> socket.send(frame));
    }

    private String notRecorded(String messageId) {
        return codec.error(
                ErrorCode.UNAVAILABLE,
                "the server cannot record this message right now; it was not processed",
                messageId);
    }

    @Override
    public void destroy() {
        timers.shutdownNow();
        writers.shutdownNow();
    }
}
