package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Every connection command names its stream by {@link ConnectionCommand#connectionId()}, so the target is read from
 * there. Axon's default resolver finds the {@code @TargetAggregateIdentifier} and a version annotation by reflection on
 * every command (3 % of a handshake's CPU samples); the annotations stay for the fixtures, which use that default.
 */
final class ConnectionTargets implements CommandTargetResolver {

    /** The bean name, as {@code @Aggregate(commandTargetResolver = ...)} names it. */
    static final String BEAN = "connectionTargets";

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof ConnectionCommand connectionCommand) {
            return new VersionedAggregateIdentifier(connectionCommand.connectionId(), null);
        }
        throw new IllegalArgumentException(
                "not a connection command: " + command.getPayloadType().getName());
    }
}
