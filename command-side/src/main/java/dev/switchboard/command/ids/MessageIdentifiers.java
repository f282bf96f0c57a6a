package dev.switchboard.command.ids;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message and event identifiers: random (version 4) UUIDs drawn from each thread's own generator, found by
 * Axon through {@code META-INF/services}.
 *
 * <p>Axon's default calls {@link UUID#randomUUID()}, several times per command (the command message, each event).
 * That draws from one JVM-wide {@code SecureRandom} behind a lock; under load on two cores, handshake threads waited
 * on that lock for over 20 ms 76 times in one benchmark run (JFR), straight into the handshake's p99. These ids only
 * need to be unique (the event table's unique key checks it), not unpredictable: nothing is authorised by knowing
 * one. Connection ids, which are handed to clients, still come from {@code UUID.randomUUID()}.
 */
public final class MessageIdentifiers extends IdentifierFactory {

    private static final long VERSION_MASK = 0xFFFFFFFFFFFF0FFFL;
    private static final long VERSION_4 = 0x0000000000004000L;
    private static final long VARIANT_MASK = 0x3FFFFFFFFFFFFFFFL;
    private static final long VARIANT_IETF = 0x8000000000000000L;

    @Override
    public String generateIdentifier() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & VERSION_MASK) | VERSION_4;
        long low = (random.nextLong() & VARIANT_MASK) | VARIANT_IETF;
        return new UUID(high, low).toString();
    }
}
