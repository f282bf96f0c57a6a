package dev.switchboard.gateway.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operations console's live registry stream ({@code switchboard.console.*}). How often the counts are read while
 * watched is {@code switchboard.metrics.live-refresh}: the console shares the metrics' reading.
 *
 * @param maxWatchers live streams this node serves at once; one more is answered 503
 * @param heartbeat how often an idle stream gets a comment line, so a vanished browser is noticed and dropped
 * @param streamTimeout how long one stream lasts before the node ends it; the console reconnects, which bounds what a
 *     browser that stopped reading can hold
 */
@ConfigurationProperties("switchboard.console")
public record ConsoleProperties(
        @DefaultValue("16") int maxWatchers,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("10m") Duration streamTimeout) {}
