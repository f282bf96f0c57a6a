package dev.switchboard.gateway.auth;

import java.nio.charset.StandardCharsets;

/** The rule every HS256 secret meets, wherever it comes from: the environment, the data folder or the CLI. */
final class HmacSecret {

    static final String VARIABLE = "SWITCHBOARD_JWT_SECRET";

    /** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
    static final int MIN_BYTES = 32;

    private HmacSecret() {}

    /**
     * @param origin where the text came from, named in the refusal; the refusal never quotes the text itself
     */
    static byte[] bytes(String text, String origin) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new SigningKeyException(origin + " is " + bytes.length + " bytes long, but an HS256 secret "
                    + "must be at least " + MIN_BYTES + " bytes; generate one with e.g. `openssl rand -base64 48`.");
        }
        return bytes;
    }
}
