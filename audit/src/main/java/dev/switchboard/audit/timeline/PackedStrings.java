package dev.switchboard.audit.timeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Strings as a checkpoint packs them. Connection ids are a short prefix and a UUID ({@code pre_…}, {@code conn_…}):
 * those are stored as the prefix and the UUID's 16 bytes, less than half their text, and any other string as UTF-8
 * behind a two-byte length. A string is stored as a UUID only when writing the UUID back gives the same text, so
 * reading always returns exactly what was written.
 */
final class PackedStrings {

    private static final int TEXT = 0;
    private static final int PREFIXED_UUID = 1;
    private static final int UUID_TEXT = 36;

    private PackedStrings() {}

    static String read(ByteBuffer in) {
        if ((in.get() & 0xff) == PREFIXED_UUID) {
            String prefix = text(in, in.get() & 0xff);
            return prefix + new UUID(in.getLong(), in.getLong());
        }
        return text(in, in.getShort() & 0xffff);
    }

    private static String text(ByteBuffer in, int length) {
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    /** Writes strings (nothing for null: a flag elsewhere says whether one follows) into a growing buffer. */
    static final class Writer {

        private ByteBuffer out = ByteBuffer.allocate(1 << 16);

        void write(String value) {
            if (value == null) {
                return;
            }
            UUID uuid = uuidAtTheEnd(value);
            if (uuid != null) {
                byte[] prefix = value.substring(0, value.length() - UUID_TEXT).getBytes(StandardCharsets.UTF_8);
                buffer(2 + prefix.length + 2 * Long.BYTES)
                        .put((byte) PREFIXED_UUID)
                        .put((byte) prefix.length)
                        .put(prefix)
                        .putLong(uuid.getMostSignificantBits())
                        .putLong(uuid.getLeastSignificantBits());
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0xffff) {
                throw new IllegalArgumentException("a registry value over 65,535 bytes cannot be checkpointed");
            }
            buffer(3 + bytes.length)
                    .put((byte) TEXT)
                    .putShort((short) bytes.length)
                    .put(bytes);
        }

        /** The buffer, with room for {@code bytes} more. */
        ByteBuffer buffer(int bytes) {
            if (out.remaining() < bytes) {
                out = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes))
                        .put(out.flip());
            }
            return out;
        }

        byte[] bytes() {
            return Arrays.copyOf(out.array(), out.position());
        }

        private static UUID uuidAtTheEnd(String value) {
            int start = value.length() - UUID_TEXT;
            if (start < 0 || start > 0xff || value.charAt(start + 8) != '-' || value.charAt(start + 23) != '-') {
                return null;
            }
            String text = value.substring(start);
            try {
                UUID uuid = UUID.fromString(text);
                return uuid.toString().equals(text)
                                && value.substring(0, start).getBytes(StandardCharsets.UTF_8).length <= 0xff
                        ? uuid
                        : null;
            } catch (IllegalArgumentException notAUuid) {
                return null;
            }
        }
    }
}
