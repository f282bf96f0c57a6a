package dev.switchboard.gateway.limits;

import io.github.bucket4j.Bucket;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one admitted socket may still do: its token bucket of client frames, and the slot it holds among its
 * address's unauthenticated sockets until it authenticates or closes.
 */
public final class SocketAllowance {

    private final String address;
    private final Bucket frames;
    private final AtomicReference<Semaphore> unauthenticatedSlot;

    SocketAllowance(String address, Bucket frames, Semaphore unauthenticatedSlot) {
        this.address = address;
        this.frames = frames;
        this.unauthenticatedSlot = new AtomicReference<>(unauthenticatedSlot);
    }

    /** The client's address, as the node sees it (the proxy's forwarded address when forwarded headers are on). */
    public String address() {
        return address;
    }

    /** Takes one frame from the bucket; false when the client sends faster than its rate and burst allow. */
    public boolean tryFrame() {
        return frames.tryConsume(1);
    }

    /** The socket authenticated or closed, so it no longer counts against its address. A second call does nothing. */
    public void releaseUnauthenticatedSlot() {
        Semaphore slot = unauthenticatedSlot.getAndSet(null);
        if (slot != null) {
            slot.release();
        }
    }
}
