package dev.switchboard.audit.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Window bounds as people type them: positions are digits, times ISO-8601 instants. */
class TimelineBoundsTest {

    @Test
    void digitsAreAPositionAndAnInstantIsATime() {
        assertThat(LogBound.parse("42")).isEqualTo(LogBound.position(42));
        assertThat(LogBound.parse(" 2026-03-01T10:00:00Z "))
                .isEqualTo(LogBound.time(Instant.parse("2026-03-01T10:00:00Z")));
        assertThat(LogBound.parse("")).isNull();
        assertThat(LogBound.parse(null)).isNull();
    }

    @Test
    void anythingElseIsRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> LogBound.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> LogBound.parse("-3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogBound.parse("99999999999999999999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void aWindowHoldsBothEndsAndNothingOutside() {
        PositionRange range = new PositionRange(3, 5);
        assertThat(range.contains(3)).isTrue();
        assertThat(range.contains(5)).isTrue();
        assertThat(range.contains(2)).isFalse();
        assertThat(range.contains(6)).isFalse();
        assertThat(new PositionRange(6, 5).contains(5)).isFalse();
    }
}
