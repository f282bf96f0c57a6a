package dev.switchboard.gateway.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a projection rebuild runs ({@code switchboard.rebuild.*}).
 *
 * @param batchSize log positions replayed per transaction while catching up with the log
 * @param finalGap positions behind the head at which catching up stops and the live table is locked for the switch
 * @param lockTimeout how long the switch waits for in-flight commands to release the live table before retrying
 * @param staleAfter how long a running rebuild may record no progress before another node may take it over
 */
@ConfigurationProperties("switchboard.rebuild")
public record RebuildProperties(
        @DefaultValue("50000") int batchSize,
        @DefaultValue("200") int finalGap,
        @DefaultValue("2s") Duration lockTimeout,
        @DefaultValue("2m") Duration staleAfter) {}
