package dev.switchboard.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The messages are shared by every module and serialized into the log, so they carry nothing but the JDK and the
 * few Axon annotations that route and version them. Spring and Jackson are not on this module's class path at all, so
 * Maven keeps them out; the rules here say what Maven cannot.
 */
@AnalyzeClasses(packages = "dev.switchboard.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiArchitectureTest {

    /** Axon's messaging brings more than its annotations (XStream, Reactive Streams, SLF4J); the messages use none. */
    @ArchTest
    static final ArchRule messagesDependOnlyOnTheJdkAndAxon = classes()
            .that()
            .resideInAPackage("dev.switchboard.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.axonframework..", "dev.switchboard.api..");

    /** The families (connection, feed, registry) lean one way: registry rows name connection states, never back. */
    @ArchTest
    static final ArchRule familiesFormNoCycle =
            slices().matching("dev.switchboard.api.(*)..").should().beFreeOfCycles();
}
