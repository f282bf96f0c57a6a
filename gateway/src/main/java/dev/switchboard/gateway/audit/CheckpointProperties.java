package dev.switchboard.gateway.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Registry checkpoints made by the node ({@code switchboard.checkpoints.*}), which bound {@code registry-at}.
 *
 * @param every log positions between two checkpoints: a registry-at replays at most this many
 * @param interval how often a node looks for checkpoints to make; a position is checkpointed only once it is at least
 *     one interval old, when no transaction still writes below it
 * @param perRound most checkpoints one round makes, so that a long log is caught up with at a bounded rate
 */
@ConfigurationProperties("switchboard.checkpoints")
public record CheckpointProperties(
        @DefaultValue("10000") long every,
        @DefaultValue("1m") Duration interval,
        @DefaultValue("20") int perRound) {}
