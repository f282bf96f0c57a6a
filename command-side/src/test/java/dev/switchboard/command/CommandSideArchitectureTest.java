package dev.switchboard.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * What Maven cannot say about the write side. (That it never sees the read side needs no rule: query-side is not among
 * its dependencies, so such an import would not compile.)
 */
@AnalyzeClasses(packages = "dev.switchboard.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycle =
            slices().matching("dev.switchboard.command.(*)..").should().beFreeOfCycles();

    /** Covers Spring's @Autowired and both @Inject annotations; constructors keep dependencies explicit and final. */
    @ArchTest
    static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    /**
     * Replaying an aggregate's history must rebuild the same aggregate, and its events must carry the time and ids the
     * command was given, so aggregates take time from the injected Clock and never make their own.
     */
    @ArchTest
    static final ArchRule aggregatesReadNoSystemClockAndMakeNoRandomIds = noClasses()
            .that()
            .areAnnotatedWith(Aggregate.class)
            .should()
            .callMethod(Instant.class, "now")
            .orShould()
            .callMethod(Clock.class, "systemUTC")
            .orShould()
            .callMethod(Clock.class, "systemDefaultZone")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(UUID.class, "randomUUID");
}
