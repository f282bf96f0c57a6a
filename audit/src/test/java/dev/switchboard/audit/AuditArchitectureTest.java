package dev.switchboard.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit tools run on a restored backup with no node: plain classes over a DataSource, no Spring context. */
class AuditArchitectureTest {

    private static JavaClasses audit;

    @BeforeAll
    static void importAudit() {
        audit = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard.audit");
    }

    @Test
    void needsNoSpringContextAndNoNode() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.context..",
                        "org.springframework.boot..",
                        "org.springframework.stereotype..",
                        "dev.switchboard.gateway..")
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
