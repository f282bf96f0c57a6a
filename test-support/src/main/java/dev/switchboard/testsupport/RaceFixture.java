package dev.switchboard.testsupport;

import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.audit.fixture.RaceFixtureDocument;
import dev.switchboard.audit.fixture.RaceFixtureJson;
import dev.switchboard.audit.log.LoggedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A race recorded from a real node's log, as a regression test: every decision the {@code Connection} aggregate made
 * in it is re-made by the aggregate in an {@code AggregateTestFixture} and must come out as recorded, and the
 * registry projected from it must come out as the live table had it.
 *
 * <pre>{@code
 * RaceFixture race = RaceFixture.load(Path.of("src/test/resources/fixtures/close-racing-authentication.json"));
 * race.replayThroughAggregate();   // or RaceFixtures.dynamicTests(race) for one test per step
 * race.replayThroughRegistry();
 * }</pre>
 */
public final class RaceFixture {

    private final RaceFixtureDocument document;
    private final List<LoggedEvent> events;
    private final List<ReplayStep> steps;

    private RaceFixture(RaceFixtureDocument document) {
        this.document = document;
        this.events = document.events();
        this.steps = StepPlanner.plan(document.name(), events);
    }

    public static RaceFixture of(RaceFixtureDocument document) {
        return new RaceFixture(document);
    }

    public static RaceFixture load(Path file) {
        try {
            return of(RaceFixtureJson.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read race fixture " + file, e);
        }
    }

    public static RaceFixture load(InputStream json) {
        try {
            return of(RaceFixtureJson.read(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a race fixture", e);
        }
    }

    public String name() {
        return document.name();
    }

    public String description() {
        return document.description();
    }

    public RaceFixtureDocument document() {
        return document;
    }

    /** The recorded window, typed and upcast, in log order. */
    public List<LoggedEvent> events() {
        return events;
    }

    /** One step per recorded decision, in log order; {@link ReplayStep#run()} replays one. */
    public List<ReplayStep> steps() {
        return steps;
    }

    /**
     * Replays every step, in log order, and returns them.
     *
     * @throws AssertionError at the first step the aggregate decides otherwise than recorded, naming it
     */
    public List<ReplayStep> replayThroughAggregate() {
        steps.forEach(ReplayStep::run);
        return steps;
    }

    /**
     * Projects the window's connection events into an in-memory registry and returns its rows.
     *
     * @throws AssertionError when the fixture recorded the registry and the rows differ from it
     */
    public List<ConnectionView> replayThroughRegistry() {
        List<ConnectionView> rows = ProjectionReplay.project(events, Long.MAX_VALUE);
        if (document.expectedRegistry() != null) {
            ProjectionReplay.assertMatches(name(), document.expectedRegistry(), rows);
        }
        return rows;
    }

    /** The registry as it stood right after the event at {@code position}: what a router saw at that instant. */
    public List<ConnectionView> registryAsOf(long position) {
        return ProjectionReplay.project(events, position);
    }

    @Override
    public String toString() {
        return name();
    }
}
