package dev.switchboard.gateway.auth;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's firewall with its own rules for header and parameter names and header values, checked a character
 * at a time instead of by regular expression. The rules are the defaults' ({@link StrictHttpFirewall#ALLOWED_HEADER_NAMES}
 * and the rest): every character defined in Unicode and none an ISO control character, a tab allowed in a header
 * value; {@code HeaderCharactersTest} holds these to Spring's own predicates. The firewall checks a header each time
 * anything reads it, and the WebSocket upgrade reads a dozen of them several times: matching the expressions
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}) was a tenth of the upgrade's CPU on its HTTP thread (BENCHMARKS.md,
 * ninth pass). Every other rule of the firewall is Spring's default.
 */
final class HeaderCharacters {

    /** A header or parameter name: defined characters, no control character. */
    static final Predicate<String> NAME = HeaderCharacters::isName;

    /** A header value: the same, or a tab. */
    static final Predicate<String> VALUE = HeaderCharacters::isValue;

    private HeaderCharacters() {}

    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAME);
        firewall.setAllowedHeaderValues(VALUE);
        firewall.setAllowedParameterNames(NAME);
        return firewall;
    }

    private static boolean isName(String name) {
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!allowed(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean isValue(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c != '\t' && !allowed(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** ASCII's printable characters at once; beyond them, Unicode's categories as the expressions read them. */
    private static boolean allowed(int c) {
        if (c >= 0x20 && c < 0x7F) {
            return true;
        }
        return Character.isDefined(c) && !Character.isISOControl(c);
    }
}
