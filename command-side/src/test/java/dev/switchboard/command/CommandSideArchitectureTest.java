package dev.switchboard.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.spring.stereotype.Aggregate;

@AnalyzeClasses(packages = "dev.switchboard.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    /** The write side must not lean on the read side: the registry may lag or be rebuilt, the log may not. */
    @ArchTest
    static final ArchRule commandSideDoesNotDependOnTheQuerySide = noClasses()
            .that()
            .resideInAPackage("dev.switchboard.command..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.switchboard.query..");

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
