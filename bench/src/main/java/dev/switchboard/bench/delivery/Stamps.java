package dev.switchboard.bench.delivery;

import dev.switchboard.bench.Latencies;
import dev.switchboard.bench.sockets.FrameFields;

/** Receives frames and records, per phase, the time from an event's scheduled send to its arrival on a socket. */
final class Stamps {

    private final Latencies[] phases;

    Stamps(int phases) {
        this.phases = new Latencies[phases];
        for (int i = 0; i < phases; i++) {
            this.phases[i] = new Latencies();
        }
    }

    Latencies phase(int phase) {
        return phases[phase];
    }

    /**
     * Reads {@code "p":<phase>} and {@code "t":<nanos>} out of a frame; frames without them (pong, ready) are ignored.
     */
    void frame(String frame) {
        long now = System.nanoTime();
        long phase = FrameFields.number(frame, "\"p\":");
        long due = FrameFields.number(frame, "\"t\":");
        if (phase >= 0 && phase < phases.length && due != FrameFields.ABSENT) {
            phases[(int) phase].record(now - due);
        }
    }
}
