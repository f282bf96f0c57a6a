package dev.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.gateway.support.UtcClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A token's signature is checked once, its times at every use: a kept token that expires is refused as expired, as
 * it is without the cache, and a refused token is checked again at every try.
 */
class VerifiedTokenCacheTest {

    private final MovableClock clock = new MovableClock(Instant.now());
    private final TokenRules rules = TokenRules.defaults(clock);
    private final CountingDecoder signatures =
            new CountingDecoder(TokenDecoders.hs256(Tokens.SECRET.getBytes(StandardCharsets.UTF_8), rules));
    private final JwtDecoder decoder = VerifiedTokenCache.around(signatures, rules, 100, Duration.ofMinutes(1));

    @Test
    void aTokenUsedAgainIsNotVerifiedAgainAndDecodesToTheSameClaims() {
        String token = Tokens.user("alice");

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);

        assertThat(second.getSubject()).isEqualTo("alice");
        assertThat(second.getClaims()).isEqualTo(first.getClaims());
        assertThat(signatures.decoded.get()).isEqualTo(1);
    }

    @Test
    void aKeptTokenThatHasSinceExpiredIsRefusedAsExpired() {
        String token = Tokens.signed(Tokens.claims("alice")
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(clock.instant().plusSeconds(60))));
        decoder.decode(token);

        clock.advance(Duration.ofSeconds(60 + 31)); // beyond exp and the 30 s skew

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtException.class)
                .satisfies(refused -> assertThat(TokenRefusal.of(refused)).isEqualTo(TokenRefusal.EXPIRED));
        assertThatThrownBy(() -> decoder.decode(token))
                .satisfies(refused -> assertThat(TokenRefusal.of(refused)).isEqualTo(TokenRefusal.EXPIRED));
    }

    @Test
    void aRefusedTokenIsCheckedAgainAtEveryTry() {
        String forged = Tokens.signedWithOtherKey("mallory");

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        }

        assertThat(signatures.decoded.get()).isEqualTo(3);
    }

    @Test
    void withNoRoomTheDecoderIsUsedAsItIs() {
        assertThat(VerifiedTokenCache.around(signatures, rules, 0, Duration.ofMinutes(1)))
                .isSameAs(signatures);
        assertThat(VerifiedTokenCache.around(signatures, rules, 100, Duration.ZERO))
                .isSameAs(signatures);
    }

    private static final class CountingDecoder implements JwtDecoder {

        private final JwtDecoder decoder;
        private final AtomicInteger decoded = new AtomicInteger();

        CountingDecoder(JwtDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public Jwt decode(String token) {
            decoded.incrementAndGet();
            return decoder.decode(token);
        }
    }

    private static final class MovableClock extends UtcClock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
