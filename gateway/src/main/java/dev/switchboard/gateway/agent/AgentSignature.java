package dev.switchboard.gateway.agent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Switchboard-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. The time
 * is signed with the body, so a backend can refuse a request replayed later (say, older than five minutes).
 */
final class AgentSignature {

    static final String HEADER = "Switchboard-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    AgentSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    String sign(long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(unixSeconds + "." + body);
    }

    private String hmac(String signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }

    /** Records and logs never show the key. */
    @Override
    public String toString() {
        return "AgentSignature[" + ALGORITHM + "]";
    }
}
