package dev.switchboard.testsupport;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's own classes, wherever they sit: its package holds no sub-packages yet, and one class lives in
 * command-side's package, so the packages compared are all of the module's under {@code dev.switchboard}.
 */
class TestSupportArchitectureTest {

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter()
                .importLocations(Set.of(Location.of(
                        RaceFixtures.class.getProtectionDomain().getCodeSource().getLocation())));
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.switchboard.(**)").should().beFreeOfCycles().check(library);
    }
}
