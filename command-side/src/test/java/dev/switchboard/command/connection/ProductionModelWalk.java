package dev.switchboard.command.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.api.connection.RecordRejection;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.connection.ConnectionReferenceModel.Accepted;
import dev.switchboard.command.connection.ConnectionReferenceModel.Outcome;
import dev.switchboard.command.connection.ConnectionReferenceModel.Refused;
import dev.switchboard.command.connection.ConnectionReferenceModel.State;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link ConnectionModelTest}'s table against the production configuration ({@link ProductionHarness}): every sequence
 * of {@value #LENGTH} letters, each on ids of its own, sent through {@link ConnectionCommands#sendAll} in groups. The
 * sequence's number, mixed, picks where it is cut, among the 2^({@value #LENGTH}-1) ways from one group of all its
 * commands to one group per command. A refusal ends a group; the rest of it is sent as the
 * next one. After each group the log must hold exactly the events the model expects, refusals the store decides
 * included, and after each sequence a probe must find the cached aggregate in the model's state.
 */
final class ProductionModelWalk {

    static final int LENGTH = 4;

    private final ProductionHarness harness;
    private final ConnectionReferenceModel model;
    private final String run = Long.toString(System.nanoTime(), 36);
    private final Map<String, Long> nextSequence = new HashMap<>();
    long sequences;
    long groups;
    /** What the walk met: the commands it sent (a store-decided refusal as the record command that carries it). */
    final Set<Class<?>> commandsSent = new HashSet<>();

    final Set<RejectionCode> codesSeen = EnumSet.noneOf(RejectionCode.class);
    final Set<ConnectionState> statesSeen = EnumSet.noneOf(ConnectionState.class);

    ProductionModelWalk(ProductionHarness harness, ConnectionReferenceModel model) {
        this.harness = harness;
        this.model = model;
    }

    void walkAll() {
        int letters = ModelAlphabet.LETTERS.size();
        long count = (long) Math.pow(letters, LENGTH);
        for (long number = 0; number < count; number++) {
            List<ModelAlphabet.Letter> sequence = new ArrayList<>();
            for (long rest = number, i = 0; i < LENGTH; i++, rest /= letters) {
                sequence.add(ModelAlphabet.LETTERS.get((int) (rest % letters)));
            }
            walk(number, sequence);
        }
    }

    private void walk(long number, List<ModelAlphabet.Letter> sequence) {
        String connection = "c" + number + "-" + run;
        String finalId = "f" + number + "-" + run;
        List<ConnectionCommand> commands =
                sequence.stream().map(l -> l.to(connection, finalId)).toList();
        Supplier<String> where = () ->
                "sequence " + sequence.stream().map(ModelAlphabet.Letter::label).toList();
        long cuts = mix(number);
        State state = State.NONE;
        int from = 0;
        for (int to = 1; to <= LENGTH; to++) {
            if (to == LENGTH || ((cuts >> (to - 1)) & 1) == 1) {
                while (from < to) {
                    Sent sent = sendGroup(connection, state, commands.subList(from, to), where);
                    state = sent.state();
                    from += sent.commands();
                }
            }
        }
        probe(connection, state, where);
        sequences++;
    }

    /** How far a group got: its first {@code commands} were sent (the last of them may have been refused). */
    private record Sent(int commands, State state) {}

    private Sent sendGroup(String connection, State state, List<ConnectionCommand> group, Supplier<String> where) {
        groups++;
        List<ConnectionEvent> expected = new ArrayList<>();
        Refused refused = null;
        int sent = 0;
        for (ConnectionCommand command : group) {
            Outcome outcome = model.step(state, connection, command);
            expected.addAll(logged(outcome, command));
            sent++;
            commandsSent.add(command.getClass());
            if (outcome instanceof Refused r) {
                refused = r;
                codesSeen.add(r.code());
                if (r.byStore() && r.stateMet() != null) {
                    commandsSent.add(RecordRejection.class);
                }
                break;
            }
            state = ((Accepted) outcome).next();
            if (state.state() != null) {
                statesSeen.add(state.state());
            }
        }
        try {
            harness.commands().sendAll(group);
            assertNull(refused, () -> where.get() + ": " + group + " was accepted");
        } catch (ConnectionRejectedException rejection) {
            if (refused == null) {
                fail(where.get() + ": " + group + " was refused: " + rejection.getMessage());
            }
            assertEquals(refused.code(), rejection.code(), where);
            assertEquals(refused.stateMet(), rejection.state(), where);
        }
        var appended = harness.appended();
        assertEquals(
                expected,
                appended.stream()
                        .map(row -> ConnectionModelTest.withoutReason(row.payload()))
                        .toList(),
                where);
        appended.forEach(event -> assertNextOfItsStream(event, where));
        return new Sent(sent, state);
    }

    /** Where a sequence is cut: bits of its number, mixed (SplitMix64) so that they do not repeat its first letter. */
    private static long mix(long number) {
        long z = number * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** What the command leaves in the log: the model's events, or the record of a refusal the store decides. */
    private List<ConnectionEvent> logged(Outcome outcome, ConnectionCommand command) {
        if (outcome instanceof Refused refused && refused.byStore()) {
            return List.of(model.rejection(command, refused.stateMet(), refused.code()));
        }
        return outcome.events();
    }

    /** The aggregate a command now loads (from the cache) must be in the model's state. */
    private void probe(String connection, State state, Supplier<String> where) {
        var rejection = assertThrows(
                ConnectionRejectedException.class,
                () -> harness.commands().send(ModelAlphabet.stateProbe(connection)),
                where);
        assertEquals(state.state(), rejection.state(), where);
        harness.appended().forEach(event -> assertNextOfItsStream(event, where));
    }

    /** A stream's events carry 0, 1, 2, ...; a refusal for an id with no stream is an event of no stream. */
    private void assertNextOfItsStream(ProductionHarness.Row row, Supplier<String> where) {
        if (row.type() == null) {
            var rejected = assertInstanceOf(ConnectionCommandRejected.class, row.payload(), where);
            assertEquals(RejectionCode.UNKNOWN_CONNECTION, rejected.code(), where);
            return;
        }
        String stream = row.payload() instanceof FinalIdClaimed claim
                ? claim.finalId()
                : row.payload().connectionId();
        assertEquals(stream, row.stream(), where);
        long expected = nextSequence.merge(stream, 1L, Long::sum) - 1;
        assertEquals(expected, row.sequence(), where);
    }
}
