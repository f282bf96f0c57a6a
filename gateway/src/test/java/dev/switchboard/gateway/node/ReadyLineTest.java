package dev.switchboard.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ready line names the database an operator can look for, and never a password that came with its URL. */
class ReadyLineTest {

    @Test
    void namesTheDatabaseWithoutTheCredentialsItsUrlMayCarry() {
        assertThat(ReadyLine.withoutCredentials("jdbc:postgresql://switchboard:s3cret@db:5432/log?password=s3cret"))
                .isEqualTo("jdbc:postgresql://db:5432/log");
        assertThat(ReadyLine.withoutCredentials("jdbc:h2:file:./data/switchboard;USER=sa;PASSWORD=s3cret"))
                .isEqualTo("jdbc:h2:file:./data/switchboard");
        assertThat(ReadyLine.withoutCredentials("jdbc:postgresql://db:5432/log"))
                .isEqualTo("jdbc:postgresql://db:5432/log");
    }
}
