package dev.switchboard.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A delivery for one user finds that user's sockets and no one else's. */
class UserIndexTest {

    private final UserIndex<String> index = new UserIndex<>();

    @Test
    void findsOnlyTheUsersOwnItems() {
        index.add("alice", "tab-1");
        index.add("alice", "tab-2");
        index.add("bob", "phone");

        assertThat(index.of("alice")).containsExactlyInAnyOrder("tab-1", "tab-2");
        assertThat(index.of("bob")).containsExactly("phone");
        assertThat(index.of("carol")).isEmpty();
        assertThat(index.holds("carol")).isFalse();
    }

    @Test
    void forgetsAUserWhoseLastItemWentAway() {
        index.add("alice", "tab-1");
        index.add("bob", "phone");
        index.remove("alice", "tab-1");

        assertThat(index.holds("alice")).isFalse();
        assertThat(index.users()).containsExactly("bob");
        index.add("alice", "tab-3");
        assertThat(index.of("alice")).containsExactly("tab-3");
    }
}
