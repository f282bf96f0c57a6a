package dev.switchboard.gateway.agent;

import dev.switchboard.api.feed.AgentEventKind;
import dev.switchboard.gateway.feed.AgentEventPublisher;
import dev.switchboard.gateway.node.DaemonThreads;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The built-in demo agent: a client {@code message} starts a run that emits the five agent events a few tens of
 * milliseconds apart, through the same publisher as a real agent backend, so the stream can be watched. Its work is
 * bounded: at most {@code max-runs} runs are in progress at once (each holds five scheduled steps), and a run beyond
 * them is not started.
 */
@Component
@Conditional(AgentBackendCondition.NotConfigured.class)
class DemoAgent implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoAgent.class);

    private final AgentEventPublisher publisher;
    private final Duration step;
    private final Semaphore runs;
    private final ScheduledExecutorService steps =
            Executors.newScheduledThreadPool(2, DaemonThreads.named("demo-agent"));

    DemoAgent(AgentEventPublisher publisher, DemoAgentProperties properties) {
        this.publisher = publisher;
        this.step = properties.step();
        this.runs = new Semaphore(properties.maxRuns());
    }

    String newRunId() {
        return "run_" + UUID.randomUUID();
    }

    /** Takes a place for a run; false when {@code max-runs} runs are in progress. Each place is given to one run. */
    boolean admit() {
        return runs.tryAcquire();
    }

    /**
     * Schedules the run's five events, in a place {@link #admit()} gave; the caller has already acknowledged the
     * message. The first event the feed refuses stops the run, so that its user never sees a run with a hole in it,
     * and goes to {@code refused}. The place is free again once the run has ended either way.
     */
    void run(String userId, String runId, String text, Consumer<Refusal> refused) {
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicBoolean ended = new AtomicBoolean();
        AgentEventKind[] kinds = AgentEventKind.values();
        for (int i = 0; i < kinds.length; i++) {
            AgentEventKind kind = kinds[i];
            boolean last = i == kinds.length - 1;
            steps.schedule(
                    () -> {
                        if (!stopped.get()) {
                            emit(userId, runId, kind, text, stopped, refused);
                        }
                        if ((last || stopped.get()) && ended.compareAndSet(false, true)) {
                            runs.release();
                        }
                    },
                    step.toMillis() * (i + 1),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** @param failure why the feed did not take it: overloaded, or the database failed */
    record Refusal(String runId, AgentEventKind kind, RuntimeException failure) {}

    private void emit(
            String userId,
            String runId,
            AgentEventKind kind,
            String text,
            AtomicBoolean stopped,
            Consumer<Refusal> refused) {
        try {
            publisher.publish(userId, runId, kind.wire(), data(kind, text));
        } catch (RuntimeException e) {
            stopped.set(true);
            log.warn("demo agent run {} could not publish {}, and stops: {}", runId, kind.wire(), e.getMessage());
            refused.accept(new Refusal(runId, kind, e));
        }
    }

    private static Map<String, Object> data(AgentEventKind kind, String text) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", "demo");
        switch (kind) {
            case AGENT_STARTED -> data.put("input", text);
            case AGENT_THINKING -> data.put("thought", "Looking for the answer to: " + text);
            case TOOL_EXECUTING -> data.put("tool", "echo");
            case TOOL_COMPLETED -> data.put("result", text);
            case AGENT_COMPLETED -> data.put("answer", "You said: " + text);
        }
        return data;
    }

    @Override
    public void destroy() {
        steps.shutdownNow();
    }
}
