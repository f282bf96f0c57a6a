package dev.switchboard.query;

import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What Maven cannot say about the read side. (That projections never see the aggregate needs no rule: command-side is
 * not among its dependencies, so such an import would not compile.)
 */
@AnalyzeClasses(packages = "dev.switchboard.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycle =
            slices().matching("dev.switchboard.query.(*)..").should().beFreeOfCycles();

    /** Covers Spring's @Autowired and both @Inject annotations; constructors keep dependencies explicit and final. */
    @ArchTest
    static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
}
