package dev.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's character rules, checked a character at a time, say what Spring Security's regular expressions say:
 * for every code point alone and inside a header, for lone and paired surrogates, and for random strings across the
 * planes.
 */
class HeaderCharactersTest {

    @Test
    void namesAreJudgedAsSpringJudgesThem() {
        assertSameVerdicts(HeaderCharacters.NAME, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
        assertSameVerdicts(HeaderCharacters.NAME, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES);
    }

    @Test
    void valuesAreJudgedAsSpringJudgesThem() {
        assertSameVerdicts(HeaderCharacters.VALUE, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
    }

    @Test
    void theFirewallStillRejectsAControlCharacterInAHeaderAndLetsAnUpgradeThrough() {
        StrictHttpFirewall firewall = HeaderCharacters.firewall();
        var upgrade = new MockHttpServletRequest("GET", "/ws");
        upgrade.addHeader("Upgrade", "websocket");
        upgrade.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        upgrade.addHeader("User-Agent", "Mozilla/5.0\t(X11; Linux x86_64) – ünïcödé");
        assertThat(firewall.getFirewalledRequest(upgrade).getHeader("User-Agent"))
                .isEqualTo("Mozilla/5.0\t(X11; Linux x86_64) – ünïcödé");

        var smuggled = new MockHttpServletRequest("GET", "/api/connections");
        smuggled.addHeader("X-Note", "one\u0000two");
        var checked = firewall.getFirewalledRequest(smuggled);
        assertThatThrownBy(() -> checked.getHeader("X-Note")).isInstanceOf(RequestRejectedException.class);
    }

    private static void assertSameVerdicts(Predicate<String> ours, Predicate<String> spring) {
        List<String> samples = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c += c < 0x10000 ? 1 : 7) {
            samples.add(Character.toString(c));
        }
        samples.add("Sec-WebSocket-Key");
        samples.add("a\tb");
        samples.add("\uD83D\uDE00 a paired surrogate");
        samples.add("a lone \uD83D surrogate");
        samples.add("a lone \uDE00 low surrogate");
        samples.add("");
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder("x-");
            for (int j = random.nextInt(12); j > 0; j--) {
                int plane = random.nextInt(4);
                s.appendCodePoint(
                        plane == 0
                                ? random.nextInt(0x100)
                                : plane == 1 ? random.nextInt(0x10000) : random.nextInt(0x110000));
            }
            samples.add(s.toString());
        }
        for (String sample : samples) {
            assertThat(ours.test(sample))
                    .as("%s", sample.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(spring.test(sample));
        }
    }
}
