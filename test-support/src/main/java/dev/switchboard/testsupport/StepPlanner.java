package dev.switchboard.testsupport;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.audit.log.LoggedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a fixture's events into replay steps, one per recorded decision, each with its stream's history so far. */
final class StepPlanner {

    private StepPlanner() {}

    static List<ReplayStep> plan(String fixture, List<LoggedEvent> events) {
        Map<String, List<ConnectionEvent>> histories = new HashMap<>();
        Map<String, FinalIdClaimed> claims = new HashMap<>();
        events.stream()
                .filter(e -> e.payload() instanceof FinalIdClaimed)
                .forEach(e -> claims.put(e.streamId(), (FinalIdClaimed) e.payload()));
        List<ReplayStep> steps = new ArrayList<>();
        for (int index = 0; index < events.size(); index++) {
            LoggedEvent recorded = events.get(index);
            if (!(recorded.payload() instanceof ConnectionEvent event)) {
                continue; // feed events are the race's context; the Connection aggregate never decides them
            }
            List<ConnectionEvent> history = histories.computeIfAbsent(recorded.streamId(), id -> new ArrayList<>());
            List<ConnectionEvent> given = List.copyOf(history);
            history.add(event);
            if (event instanceof FinalIdClaimed) {
                continue; // the migration that claimed it is the decision, and its step expects this claim
            }
            steps.add(step(fixture, steps.size() + 1, recorded, event, given, events.subList(0, index), claims));
        }
        return steps;
    }

    private static ReplayStep step(
            String fixture,
            int number,
            LoggedEvent recorded,
            ConnectionEvent event,
            List<ConnectionEvent> given,
            List<LoggedEvent> before,
            Map<String, FinalIdClaimed> claims) {
        if (event instanceof ConnectionCommandRejected rejected) {
            ConnectionCommand command = RecordedCommands.refused(rejected);
            if (!rejected.connectionId().equals(recorded.streamId())) {
                return new ReplayStep(
                        fixture,
                        number,
                        recorded,
                        command,
                        ReplayStep.NO_CONNECTION,
                        () -> RecordedStepFixture.expectNoConnection(command, rejected.at()));
            }
            String outcome = "refused " + rejected.code().code() + " in state " + rejected.stateMet();
            if (RecordedCommands.DECIDED_BY_THE_STORE.contains(rejected.code())) {
                return new ReplayStep(
                        fixture,
                        number,
                        recorded,
                        command,
                        outcome + " (decided by the store)",
                        () -> RecordedStepFixture.expectRefusedByTheStore(before, command, rejected));
            }
            return new ReplayStep(
                    fixture,
                    number,
                    recorded,
                    command,
                    outcome,
                    () -> RecordedStepFixture.expectRejected(given, command, rejected.at(), rejected));
        }
        ConnectionCommand command = RecordedCommands.accepted(event, given);
        List<ConnectionEvent> expected = new ArrayList<>(List.of(event));
        if (event instanceof ConnectionIdMigrated migrated) {
            // the fixture publishes the claim right after the migration, not as event 0 of the final id's stream;
            // a window cut before the claim stream still knows it, since the migration determines it entirely
            expected.add(claims.getOrDefault(
                    migrated.finalId(),
                    new FinalIdClaimed(migrated.finalId(), migrated.connectionId(), migrated.at())));
        }
        String outcome = "accepted "
                + expected.stream().map(e -> e.getClass().getSimpleName()).toList();
        return new ReplayStep(
                fixture,
                number,
                recorded,
                command,
                outcome,
                () -> RecordedStepFixture.expectAccepted(given, command, event.at(), expected));
    }
}
