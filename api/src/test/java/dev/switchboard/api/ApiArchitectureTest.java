package dev.switchboard.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The messages are shared by every module and serialized into the log, so they carry nothing but the JDK and the
 * few Axon annotations that route and version them.
 */
@AnalyzeClasses(packages = "dev.switchboard.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiArchitectureTest {

    @ArchTest
    static final ArchRule messagesDependOnlyOnTheJdkAndAxon = classes()
            .that()
            .resideInAPackage("dev.switchboard.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.axonframework..", "dev.switchboard.api..");

    /** Implied by the rule above; kept so a Spring or Jackson import fails with a message that names it. */
    @ArchTest
    static final ArchRule messagesKnowNoSpringAndNoJackson = noClasses()
            .that()
            .resideInAPackage("dev.switchboard.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "com.fasterxml.jackson..");
}
