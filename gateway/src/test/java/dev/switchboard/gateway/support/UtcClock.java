package dev.switchboard.gateway.support;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test's own clock: it says only what {@link #instant()} is; the zone is always UTC, which the node uses. */
public abstract class UtcClock extends Clock {

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
