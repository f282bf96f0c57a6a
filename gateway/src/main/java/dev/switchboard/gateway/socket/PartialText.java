package dev.switchboard.gateway.socket;

/**
 * Joins a text frame the container delivered in parts. The container decodes text into a small per-socket buffer
 * ({@code text-buffer-size}) instead of one as large as the largest frame allowed, so an idle socket does not hold
 * {@code max-frame-size} characters; the rare long frame is joined here and its builder dropped once it is whole. Used
 * by the socket's one reading thread at a time, so it needs no lock.
 */
final class PartialText {

    /** What a part amounted to: the whole frame, more to come, or a frame over the limit. */
    sealed interface Part permits Whole, More, TooLarge {}

    record Whole(String text) implements Part {}

    record More() implements Part {}

    record TooLarge() implements Part {}

    private static final Part MORE = new More();
    private static final Part TOO_LARGE = new TooLarge();

    private StringBuilder joined;
    private boolean discarding;

    /** @param limit the most characters a whole frame may have */
    Part accept(String part, boolean last, long limit) {
        if (discarding) {
            discarding = !last;
            return MORE;
        }
        if (joined == null && last) {
            return part.length() > limit ? TOO_LARGE : new Whole(part); // the common case: the frame came whole
        }
        if (joined == null) {
            joined = new StringBuilder(part.length() * 2);
        }
        if (joined.length() + part.length() > limit) {
            joined = null;
            discarding = !last;
            return TOO_LARGE;
        }
        joined.append(part);
        if (!last) {
            return MORE;
        }
        String text = joined.toString();
        joined = null;
        return new Whole(text);
    }
}
