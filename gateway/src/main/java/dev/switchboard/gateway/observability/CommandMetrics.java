package dev.switchboard.gateway.observability;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.connection.ConnectionCommandListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts connection commands by outcome. The command side only knows its listener interface, so it stays free of
 * Micrometer, and every caller of {@code ConnectionCommands} is counted without being changed.
 */
@Component
class CommandMetrics implements ConnectionCommandListener {

    static final String NAME = "switchboard.connection.commands";

    private final MeterRegistry meters;
    /**
     * An accepted command's counter by the command's type, found in the registry once: a handshake counts five, and
     * each registry look-up builds and hashes the series' name and tags. Refusals are rare and looked up each time.
     */
    private final Map<Class<?>, Counter> accepted = new ConcurrentHashMap<>();

    CommandMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void accepted(ConnectionCommand command) {
        accepted.computeIfAbsent(command.getClass(), type -> counter(type, "accepted", "none"))
                .increment();
    }

    @Override
    public void rejected(ConnectionCommand command, RejectionCode code) {
        counter(command.getClass(), "rejected", code.code()).increment();
    }

    private Counter counter(Class<?> command, String outcome, String code) {
        return Counter.builder(NAME)
                .description("Connection commands sent by this node, by outcome and rejection code")
                .tag("command", command.getSimpleName())
                .tag("outcome", outcome)
                .tag("code", code)
                .register(meters);
    }
}
