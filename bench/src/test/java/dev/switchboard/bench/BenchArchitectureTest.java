package dev.switchboard.bench;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The drivers share their client and report code one way: a figure's driver never reaches into another's. */
class BenchArchitectureTest {

    private static JavaClasses bench;

    @BeforeAll
    static void importBench() {
        bench = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard.bench");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.switchboard.bench.(*)..")
                .should()
                .beFreeOfCycles()
                .check(bench);
    }
}
