package dev.switchboard.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway's internal lines: what the wire protocol, the CLI and the REST layer may reach. */
class GatewayArchitectureTest {

    private static JavaClasses gateway;

    @BeforeAll
    static void importGateway() {
        gateway = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard.gateway");
    }

    @Test
    void noFieldIsInjected() {
        fields().should()
                .notBeAnnotatedWith(org.springframework.beans.factory.annotation.Autowired.class)
                .check(gateway);
    }

    @Test
    void theWireProtocolKnowsNothingOfSocketsDeliveryOrTheHttpApi() {
        noClasses()
                .that()
                .resideInAPackage("..gateway.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..gateway.socket..", "..gateway.feed..", "..gateway.api..", "..gateway.auth..")
                .check(gateway);
    }

    @Test
    void theAuditToolsRunWithoutANodesSocketsOrSpringContext() {
        noClasses()
                .that()
                .resideInAPackage("..gateway.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..gateway.socket..",
                        "..gateway.feed..",
                        "org.springframework.boot..",
                        "org.springframework.context..")
                .check(gateway);
    }

    @Test
    void theHttpApiClosesSocketsOnlyThroughTheCloser() {
        noClasses()
                .that()
                .resideInAPackage("..gateway.api..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("..gateway.socket..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.simpleName("ConnectionCloser"))))
                .because("a socket is closed through the log first (ConnectionCloser), never directly")
                .check(gateway);
    }
}
