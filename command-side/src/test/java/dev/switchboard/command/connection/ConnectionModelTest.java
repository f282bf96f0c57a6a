package dev.switchboard.command.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.connection.ConnectionReferenceModel.Accepted;
import dev.switchboard.command.connection.ConnectionReferenceModel.Outcome;
import dev.switchboard.command.connection.ConnectionReferenceModel.Refused;
import dev.switchboard.command.connection.ConnectionReferenceModel.State;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.AbstractRepository;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Holds the real aggregate against {@link ConnectionReferenceModel} on every sequence of up to {@value #MAX_LENGTH}
 * commands over a small alphabet that reaches every state and every refusal the aggregate itself decides. The last
 * letter addresses the final id instead of the connection: unknown before the migration, a claim after it.
 *
 * <p>The sequences are walked as a tree: a sequence's last command runs on a fresh in-memory store seeded with the
 * events its prefix produced, so each prefix runs once, not once per sequence that extends it. That is exact, not an
 * approximation, because this repository has no cache: every command starts from the stored events.
 *
 * <p>A second open of the id is refused by the event store's unique key, which the in-memory engine lacks (it would
 * store a second event 0). The model answers CONNECTION_EXISTS and the walk continues from the unchanged history
 * without sending it.
 *
 * <p>A node runs the aggregate otherwise: cached between commands, several commands to one commit, a real unique key.
 * The second test holds that configuration against the same table ({@link ProductionModelWalk}) on PostgreSQL, with
 * shorter sequences, since each group there is a transaction. There a second open is sent, and refused by the unique
 * key; the test requires that its walk sent every command of {@link ConnectionCommand}, met every state and every
 * refusal four letters can provoke.
 */
class ConnectionModelTest {

    private static final int MAX_LENGTH = 6;
    private static final String CONNECTION = "c1";
    private static final String FINAL = "f1";

    private final ConnectionReferenceModel model = new ConnectionReferenceModel(ConnectionFixtures.NOW);
    private final ConnectionHarness harness = new ConnectionHarness(ConnectionFixtures.CLOCK);
    private final Set<RejectionCode> codesSeen = EnumSet.noneOf(RejectionCode.class);
    private final Set<ConnectionState> statesSeen = EnumSet.noneOf(ConnectionState.class);
    private long sequencesChecked;
    private long commandsSent;
    private long duplicateOpensNotSent;

    /**
     * The repository logs a warning with a stack trace for each unknown id, which about half the walk meets, and
     * ConnectionCommands a line for each refusal and each group it sends again.
     */
    private final List<Logger> chattyLogs = List.of((Logger) LoggerFactory.getLogger(AbstractRepository.class), (Logger)
            LoggerFactory.getLogger(ConnectionCommands.class));

    private final List<Level> chattyLevels = new ArrayList<>();

    @BeforeEach
    void silenceTheWalksExpectedWarnings() {
        chattyLogs.forEach(log -> {
            chattyLevels.add(log.getLevel());
            log.setLevel(Level.ERROR);
        });
    }

    @AfterEach
    void restoreLogging() {
        for (int i = 0; i < chattyLogs.size(); i++) {
            chattyLogs.get(i).setLevel(chattyLevels.get(i));
        }
    }

    @Test
    void theAggregateAgreesWithTheStateTableOnEverySequenceOfUpToSixCommands() {
        long started = System.nanoTime();
        walk(new ArrayList<>(), List.of(), State.NONE);
        long millis = (System.nanoTime() - started) / 1_000_000;

        long expected = 0;
        for (int length = 1, count = 1; length <= MAX_LENGTH; length++) {
            count *= ModelAlphabet.LETTERS.size();
            expected += count;
        }
        System.out.printf(
                "ConnectionModelTest: %d command sequences of length 1 to %d checked in %d ms "
                        + "(%d commands sent to the aggregate, %d duplicate opens left to the store's unique key)%n",
                sequencesChecked, MAX_LENGTH, millis, commandsSent, duplicateOpensNotSent);
        assertEquals(expected, sequencesChecked, "every enumerated sequence is checked");
        assertEquals(sequencesChecked, commandsSent + duplicateOpensNotSent, "only duplicate opens are not sent");
        assertEquals(EnumSet.allOf(ConnectionState.class), statesSeen, "the walk reaches every state");
        // Not met here: a final id held by another connection needs two (FinalIdRaceIT), and a blank user id is a
        // token without a subject, which the gateway refuses first (ConnectionTokenRefreshTest covers the aggregate).
        assertEquals(
                EnumSet.complementOf(EnumSet.of(RejectionCode.FINAL_ID_TAKEN, RejectionCode.INVALID_USER_ID)),
                codesSeen,
                "the walk meets every refusal the alphabet can provoke");
    }

    @Test
    void theNodesConfigurationAgreesWithTheStateTableOnEverySequenceOfFourCommandsSentInGroups() {
        long started = System.nanoTime();
        try (var production = ProductionHarness.start(ConnectionFixtures.CLOCK)) {
            var walk = new ProductionModelWalk(production, model);
            walk.walkAll();
            System.out.printf(
                    "ConnectionModelTest: %d command sequences of length %d sent in %d groups through the cache and "
                            + "ConnectionCommands.sendAll on PostgreSQL in %d ms%n",
                    walk.sequences, ProductionModelWalk.LENGTH, walk.groups, (System.nanoTime() - started) / 1_000_000);
            assertEquals((long) Math.pow(ModelAlphabet.LETTERS.size(), ProductionModelWalk.LENGTH), walk.sequences);
            assertEquals(
                    Set.of(ConnectionCommand.class.getPermittedSubclasses()),
                    walk.commandsSent,
                    "every command, the store's refusal record (a second open) included");
            assertEquals(EnumSet.allOf(ConnectionState.class), walk.statesSeen, "the walk reaches every state");
            // as in the first test, and a second ready needs five commands (open, auth, migrate, ready, ready)
            assertEquals(
                    EnumSet.complementOf(EnumSet.of(
                            RejectionCode.FINAL_ID_TAKEN, RejectionCode.INVALID_USER_ID, RejectionCode.ALREADY_READY)),
                    walk.codesSeen,
                    "the walk meets every refusal four letters can provoke, the store's included");
        }
    }

    private void walk(List<String> path, List<EventMessage<?>> history, State state) {
        if (path.size() == MAX_LENGTH) {
            return;
        }
        for (ModelAlphabet.Letter letter : ModelAlphabet.LETTERS) {
            path.add(letter.label());
            sequencesChecked++;
            Outcome expected = model.step(state, CONNECTION, letter.to(CONNECTION, FINAL));
            boolean refusedByUniqueKey = expected instanceof Refused r && r.code() == RejectionCode.CONNECTION_EXISTS;
            List<EventMessage<?>> after;
            if (refusedByUniqueKey) {
                duplicateOpensNotSent++;
                after = history;
            } else {
                commandsSent++;
                after = run(path, history, letter.to(CONNECTION, FINAL), expected);
            }
            State next = expected instanceof Accepted accepted ? accepted.next() : state;
            if (next.state() != null) {
                statesSeen.add(next.state());
                assertRebuiltInto(path, after, next.state());
            }
            if (expected instanceof Refused refused) {
                codesSeen.add(refused.code());
            }
            walk(path, after, next);
            path.remove(path.size() - 1);
        }
    }

    private List<EventMessage<?>> run(
            List<String> path, List<EventMessage<?>> history, ConnectionCommand command, Outcome expected) {
        harness.reset(history);
        CommandResultMessage<?> result = harness.dispatch(command);
        Supplier<String> where = () -> String.join(" → ", path) + ": " + result;

        if (expected instanceof Refused refused && refused.byStore()) {
            assertInstanceOf(AggregateNotFoundException.class, result.exceptionResult(), where);
        } else if (expected instanceof Refused refused) {
            var rejection = assertInstanceOf(ConnectionRejectedException.class, result.exceptionResult(), where);
            assertEquals(refused.code(), rejection.code(), where);
            assertEquals(refused.stateMet(), rejection.state(), where);
            assertEquals(ConnectionFixtures.nameOf(command), rejection.command(), where);
            assertEquals(command.connectionId(), rejection.connectionId(), where);
        } else {
            assertFalse(result.isExceptional(), where);
        }

        List<EventMessage<?>> all = harness.allEvents();
        List<EventMessage<?>> appended = all.subList(history.size(), all.size());
        assertEquals(
                expected.events(),
                appended.stream().map(ConnectionModelTest::withoutReason).toList(),
                where);
        for (int i = 0; i < appended.size(); i++) {
            assertAppendedToItsStream(all.subList(0, history.size() + i), appended.get(i), where);
        }
        return all;
    }

    /**
     * Each event must land as the next event of the stream it belongs to: the claim as event 0 of the final id's
     * stream, which is what lets the store's unique key keep two connections from claiming one final id.
     */
    private static void assertAppendedToItsStream(
            List<EventMessage<?>> before, EventMessage<?> event, Supplier<String> where) {
        var domainEvent = assertInstanceOf(DomainEventMessage.class, event, where);
        var payload = (ConnectionEvent) event.getPayload();
        String stream = payload instanceof FinalIdClaimed claim ? claim.finalId() : payload.connectionId();
        long earlier = before.stream()
                .filter(e ->
                        ((DomainEventMessage<?>) e).getAggregateIdentifier().equals(stream))
                .count();
        assertEquals(stream, domainEvent.getAggregateIdentifier(), where);
        assertEquals(earlier, domainEvent.getSequenceNumber(), where);
        assertEquals("Connection", domainEvent.getType(), where);
    }

    /** Reloads the aggregate from {@code history} alone and asks it, through a refused probe, which state it is in. */
    private void assertRebuiltInto(List<String> path, List<EventMessage<?>> history, ConnectionState expected) {
        harness.reset(history);
        CommandResultMessage<?> result = harness.dispatch(ModelAlphabet.stateProbe(CONNECTION));
        Supplier<String> where = () -> "rebuilding after " + String.join(" → ", path) + ": " + result;
        assertTrue(result.isExceptional(), where);
        var rejection = assertInstanceOf(ConnectionRejectedException.class, result.exceptionResult(), where);
        assertEquals(expected, rejection.state(), where);
    }

    /** The model leaves the wording of a refusal to the aggregate; everything else must match. */
    private static ConnectionEvent withoutReason(EventMessage<?> message) {
        return withoutReason((ConnectionEvent) message.getPayload());
    }

    static ConnectionEvent withoutReason(ConnectionEvent event) {
        return event instanceof ConnectionCommandRejected r
                ? new ConnectionCommandRejected(
                        r.connectionId(), r.command(), r.arguments(), r.stateMet(), r.code(), null, r.at())
                : event;
    }
}
