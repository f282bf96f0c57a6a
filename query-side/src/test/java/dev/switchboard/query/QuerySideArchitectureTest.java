package dev.switchboard.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.switchboard.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    /** Projections learn about connections from the events in the api module only, never from the aggregate. */
    @ArchTest
    static final ArchRule querySideDoesNotDependOnTheCommandSide = noClasses()
            .that()
            .resideInAPackage("dev.switchboard.query..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.switchboard.command..");

    /** Covers Spring's @Autowired and both @Inject annotations; constructors keep dependencies explicit and final. */
    @ArchTest
    static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
}
