package dev.switchboard.gateway.observability;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.connection.ConnectionCommandListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts connection commands by outcome. The command side only knows its listener interface, so it stays free of
 * Micrometer, and every caller of {@code ConnectionCommands} is counted without being changed.
 */
@Component
class CommandMetrics implements ConnectionCommandListener {

    static final String NAME = "switchboard.connection.commands";

    private final MeterRegistry meters;

    CommandMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void accepted(ConnectionCommand command) {
        count(command, "accepted", "none");
    }

    @Override
    public void rejected(ConnectionCommand command, RejectionCode code) {
        count(command, "rejected", code.code());
    }

    private void count(ConnectionCommand command, String outcome, String code) {
        // a handful of commands times outcomes times codes: a bounded set of series, looked up rather than cached
        Counter.builder(NAME)
                .description("Connection commands sent by this node, by outcome and rejection code")
                .tag("command", command.getClass().getSimpleName())
                .tag("outcome", outcome)
                .tag("code", code)
                .register(meters)
                .increment();
    }
}
