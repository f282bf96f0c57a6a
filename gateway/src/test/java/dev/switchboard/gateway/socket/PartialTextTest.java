package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartialTextTest {

    private final PartialText text = new PartialText();

    @Test
    void aFrameThatCameWholeIsPassedOnAsItIs() {
        assertThat(text.accept("{\"type\":\"ping\"}", true, 64))
                .isEqualTo(new PartialText.Whole("{\"type\":\"ping\"}"));
    }

    @Test
    void partsAreJoinedInOrderIntoOneFrame() {
        assertThat(text.accept("{\"type\":", false, 64)).isInstanceOf(PartialText.More.class);
        assertThat(text.accept("\"pi", false, 64)).isInstanceOf(PartialText.More.class);
        assertThat(text.accept("ng\"}", true, 64)).isEqualTo(new PartialText.Whole("{\"type\":\"ping\"}"));
        assertThat(text.accept("next", true, 64)).isEqualTo(new PartialText.Whole("next"));
    }

    @Test
    void aFrameOverTheLimitIsTooLargeAndItsRemainingPartsAreDropped() {
        assertThat(text.accept("x".repeat(10), false, 16)).isInstanceOf(PartialText.More.class);
        assertThat(text.accept("x".repeat(10), false, 16)).isInstanceOf(PartialText.TooLarge.class);
        assertThat(text.accept("x".repeat(10), true, 16)).isInstanceOf(PartialText.More.class);
        assertThat(text.accept("after", true, 16)).isEqualTo(new PartialText.Whole("after"));
    }

    @Test
    void aWholeFrameOverTheLimitIsTooLarge() {
        assertThat(text.accept("x".repeat(17), true, 16)).isInstanceOf(PartialText.TooLarge.class);
    }
}
