package dev.switchboard.gateway.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * User ids and client addresses as a WARN line may print them, named: {@code user alice} or {@code address
 * 203.0.113.7} when the operator asked for personal data in the log ({@code switchboard.privacy.log-personal-data}),
 * otherwise a pseudonym such as {@code user#3fa2c19b} or {@code address#90e1d2aa}. A pseudonym is an HMAC under a key drawn when the node starts and never stored: the same value
 * gets the same pseudonym for the node's life, and no one can compute it back, not even from the few billion IPv4
 * addresses there are.
 */
@Component
public class PersonalData {

    private static final String HMAC = "HmacSHA256";

    private final boolean shown;
    private final SecretKeySpec key;

    public PersonalData(PrivacyProperties properties) {
        this.shown = properties.logPersonalData();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    public String user(String userId) {
        return shown(userId, "user");
    }

    public String address(String address) {
        return shown(address, "address");
    }

    private String shown(String value, String kind) {
        if (shown || value == null) {
            return kind + " " + value;
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] digest = mac.doFinal((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
            return kind + "#" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + HMAC, e);
        }
    }
}
