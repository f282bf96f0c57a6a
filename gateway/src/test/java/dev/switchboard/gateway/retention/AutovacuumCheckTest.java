package dev.switchboard.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which settings make a node with retention warn that deleted rows keep their space. */
class AutovacuumCheckTest {

    @Test
    void autovacuumOnForTheServerAndTheTableNeedsNoWarning() {
        assertThat(AutovacuumCheck.warning(true, "")).isEmpty();
        assertThat(AutovacuumCheck.warning(true, "fillfactor=90", "autovacuum_enabled=true"))
                .isEmpty();
    }

    @Test
    void aServerWithAutovacuumOffIsNamed() {
        assertThat(AutovacuumCheck.warning(false, ""))
                .hasValueSatisfying(warning ->
                        assertThat(warning).contains("autovacuum = off").contains("VACUUM domain_event_entry"));
    }

    @Test
    void anEventTableWithAutovacuumOffIsNamed() {
        assertThat(AutovacuumCheck.warning(true, "fillfactor=90", "autovacuum_enabled=false"))
                .hasValueSatisfying(
                        warning -> assertThat(warning).contains("domain_event_entry has autovacuum_enabled"));
        assertThat(AutovacuumCheck.warning(true, "autovacuum_enabled=off")).isPresent();
    }
}
