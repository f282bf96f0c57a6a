package dev.switchboard.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit tools run on a restored backup with no node: plain classes over a DataSource, no Spring context. The
 * gateway and Spring Boot are not among this module's dependencies, so Maven keeps them out; Spring's context comes
 * along with command-side, so a rule keeps it out.
 */
class AuditArchitectureTest {

    private static JavaClasses audit;

    @BeforeAll
    static void importAudit() {
        audit = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard.audit");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.switchboard.audit.(*)..")
                .should()
                .beFreeOfCycles()
                .check(audit);
    }

    @Test
    void needsNoSpringContext() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.context..", "org.springframework.stereotype..")
                .check(audit);
    }

    @Test
    void neverIssuesCommands() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveSimpleName("ConnectionCommands")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("org.axonframework.commandhandling..")
                .because("an audit reads the log; it never changes a connection")
                .check(audit);
    }
}
