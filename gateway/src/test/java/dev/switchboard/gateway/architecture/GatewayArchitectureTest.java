package dev.switchboard.gateway.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's internal lines, which Maven cannot draw inside one module: no package cycle, a socket engine that
 * knows nothing of the product on top of it, a wire protocol that leans on nothing, and what the CLI and the REST
 * layer may reach.
 */
class GatewayArchitectureTest {

    private static JavaClasses gateway;

    @BeforeAll
    static void importGateway() {
        gateway = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard.gateway");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.switchboard.gateway.(*)..")
                .should()
                .beFreeOfCycles()
                .because("one concept, one package: a cycle means a concept is spread over several")
                .check(gateway);
    }

    @Test
    void theSocketEngineKnowsNothingOfTheFeedTheAgentOrTheHttpApi() {
        noClasses()
                .that()
                .resideInAPackage("..gateway.socket..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..gateway.feed..", "..gateway.agent..", "..gateway.rest..")
                .because("the socket package is the lifecycle engine; what it must tell others goes through its "
                        + "SocketListener and MessageListener")
                .check(gateway);
    }

    @Test
    void theWireProtocolDependsOnNothingElseOfTheGateway() {
        noClasses()
                .that()
                .resideInAPackage("..gateway.protocol..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.switchboard.gateway..")
                        .and(not(resideInAPackage("..gateway.protocol.."))))
                .check(gateway);
    }

    @Test
    void noFieldIsInjected() {
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(gateway);
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
                .resideInAPackage("..gateway.rest..")
                .should()
                .dependOnClassesThat(resideInAPackage("..gateway.socket..").and(not(simpleName("ConnectionCloser"))))
                .because("a socket is closed through the log first (ConnectionCloser), never directly")
                .check(gateway);
    }
}
