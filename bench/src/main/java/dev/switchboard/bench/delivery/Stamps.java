package dev.switchboard.bench.delivery;

import dev.switchboard.bench.Latencies;

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
        long phase = number(frame, "\"p\":");
        long due = number(frame, "\"t\":");
        if (phase >= 0 && phase < phases.length && due != Long.MIN_VALUE) {
            phases[(int) phase].record(now - due);
        }
    }

    private static long number(String frame, String key) {
        int at = frame.indexOf(key);
        if (at < 0) {
            return Long.MIN_VALUE;
        }
        int from = at + key.length();
        int end = from;
        while (end < frame.length() && (Character.isDigit(frame.charAt(end)) || frame.charAt(end) == '-')) {
            end++;
        }
        return Long.parseLong(frame, from, end, 10);
    }
}
