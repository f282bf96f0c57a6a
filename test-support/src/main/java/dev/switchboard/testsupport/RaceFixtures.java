package dev.switchboard.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;

/**
 * Race fixtures as JUnit 5 dynamic tests, so each recorded decision shows up, and fails, on its own:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicContainer> recordedRaces() {
 *     return RaceFixtures.dynamicTests(Path.of("src/test/resources/fixtures"));
 * }
 * }</pre>
 */
public final class RaceFixtures {

    private RaceFixtures() {}

    /** A fixture on the classpath, e.g. {@code /fixtures/duplicate-final-id.json}. */
    public static RaceFixture fromClasspath(String resource) {
        try (InputStream json = RaceFixtures.class.getResourceAsStream(resource)) {
            if (json == null) {
                throw new IllegalArgumentException("no race fixture on the classpath at " + resource);
            }
            return RaceFixture.load(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One test per aggregate step, then one for the registry. */
    public static Stream<DynamicTest> dynamicTests(RaceFixture fixture) {
        Stream<DynamicTest> steps =
                fixture.steps().stream().map(step -> DynamicTest.dynamicTest(step.name(), step::run));
        DynamicTest registry = DynamicTest.dynamicTest(
                "the registry projected from the log is the one recorded", fixture::replayThroughRegistry);
        return Stream.concat(steps, Stream.of(registry));
    }

    /** One container per {@code *.json} fixture in the folder, named by the fixture, each as {@link #dynamicTests}. */
    public static Stream<DynamicContainer> dynamicTests(Path folder) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list race fixtures in " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no race fixtures (*.json) in " + folder.toAbsolutePath());
        }
        return files.stream().map(file -> {
            RaceFixture fixture = RaceFixture.load(file);
            return DynamicContainer.dynamicContainer(
                    fixture.name() + ": " + fixture.description(), dynamicTests(fixture));
        });
    }
}
