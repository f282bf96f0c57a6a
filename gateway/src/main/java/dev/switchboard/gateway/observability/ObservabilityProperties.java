package dev.switchboard.gateway.observability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param gaugeRefresh how often the connections-by-state gauge is read from the registry; a scrape reads the cache
 * @param liveRefresh how often the same counts are read while an operations console watches them live
 * @param lagRefresh how often the registry's lag behind the log is measured: it scans the registry table, so seldom
 */
@ConfigurationProperties("switchboard.metrics")
public record ObservabilityProperties(
        @DefaultValue("5s") Duration gaugeRefresh,
        @DefaultValue("1s") Duration liveRefresh,
        @DefaultValue("30s") Duration lagRefresh) {}
