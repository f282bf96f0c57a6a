package dev.switchboard.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The library's own lines. Only this module's classes are imported, not those of the jars it depends on. */
class TestSupportArchitectureTest {

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter()
                .importUrl(
                        RaceFixtures.class.getProtectionDomain().getCodeSource().getLocation());
    }

    @Test
    void declaresNoClassInAnotherModulesPackage() {
        classes()
                .should()
                .resideInAPackage("dev.switchboard.testsupport..")
                .because("a class in another module's package reaches its package-private code behind its back; "
                        + "what the library needs is exposed on purpose by the module that owns it")
                .check(library);
    }

    /** Every package of the module under {@code dev.switchboard}, so a class placed elsewhere counts too. */
    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.switchboard.(**)").should().beFreeOfCycles().check(library);
    }
}
