package dev.switchboard.command.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class MessageIdentifiersTest {

    @Test
    void axonFindsThemThroughTheServiceFile() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(MessageIdentifiers.class);
    }

    @Test
    void theyAreDistinctVersion4UuidsOfTheIetfVariant() {
        var identifiers = new MessageIdentifiers();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String identifier = identifiers.generateIdentifier();
            UUID uuid = UUID.fromString(identifier);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(identifier);
            assertThat(seen.add(identifier))
                    .as("identifier %s repeated", identifier)
                    .isTrue();
        }
    }
}
