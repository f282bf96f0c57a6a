package dev.switchboard.bench.sockets;

/**
 * Reads a whole-number field out of a frame or an answer without parsing the JSON: the load client reads thousands of
 * frames a second on the cores the server under test also uses.
 */
public final class FrameFields {

    /** What {@link #number} returns when the field is absent. */
    public static final long ABSENT = Long.MIN_VALUE;

    private FrameFields() {}

    /** The number after {@code key} (e.g. {@code "\"seq\":"}); {@link #ABSENT} when the text has no such key. */
    public static long number(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return ABSENT;
        }
        int from = at + key.length();
        int end = from;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '-')) {
            end++;
        }
        return end == from ? ABSENT : Long.parseLong(text, from, end, 10);
    }
}
