package dev.switchboard.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmarks' own lines. Only this module's classes are imported, not those of the node it measures. */
class BenchArchitectureTest {

    private static JavaClasses bench;

    @BeforeAll
    static void importBench() {
        bench = new ClassFileImporter()
                .importUrl(Latencies.class.getProtectionDomain().getCodeSource().getLocation());
    }

    @Test
    void declaresNoClassInAnotherModulesPackage() {
        classes()
                .should()
                .resideInAPackage("dev.switchboard.bench..")
                .because("a class in another module's package reaches its package-private code behind its back; "
                        + "what a benchmark needs is exposed on purpose by the module that owns it")
                .check(bench);
    }

    /** The drivers share their client and report code one way: a figure's driver never reaches into another's. */
    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.switchboard.bench.(*)..")
                .should()
                .beFreeOfCycles()
                .check(bench);
    }
}
