package dev.switchboard.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.audit.archive.ArchivedRow;
import dev.switchboard.gateway.cluster.ProcessNode;
import dev.switchboard.gateway.cluster.Publisher;
import dev.switchboard.gateway.support.TestDatabase;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive command run three times while a node serves traffic: pushes to every user's READY socket, connections
 * opening and closing, clients resuming from random seqs. Every live socket gets every event once, in order; every
 * resume gets each seq after its cursor exactly once, as an event or inside a {@code gap} frame, and every seq a gap
 * frame names is in the archive, not in the table: the frame tells exactly what the client can no longer get.
 */
class ArchiveUnderLoadProcessIT {

    private static final int USERS = 12;
    private static final int ROUNDS = 3;

    @TempDir
    Path work;

    private final Publisher publisher = new Publisher();
    private final List<String> users =
            LongStream.range(0, USERS).mapToObj(i -> Tokens.newUserId()).toList();
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final Map<String, Set<Long>> gaps = new ConcurrentHashMap<>();
    private final List<String> resumes = Collections.synchronizedList(new ArrayList<>());

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void noLiveSocketLosesAnEventAndEveryResumeIsToldExactlyWhatIsGone() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        ProcessNode node =
                ProcessNode.launch("archive-load", database, Map.of()).awaitReady();
        ExecutorService load = Executors.newFixedThreadPool(3);
        List<TestSocket> live = new ArrayList<>();
        try {
            for (String user : users) {
                TestSocket socket = TestSocket.connect(node.port());
                socket.authenticate(Tokens.user(user));
                live.add(socket);
            }
            List<Future<?>> running = List.of(
                    load.submit(() -> push(node)), load.submit(() -> churn(node)), load.submit(() -> resume(node)));
            for (int round = 1; round <= ROUNDS; round++) {
                Thread.sleep(4000); // traffic to archive between rounds, not a wait for a condition
                Process run = ArchiveCommandProcess.start(
                        database,
                        work,
                        "round-" + round,
                        Map.of(),
                        "--before",
                        Instant.now().minusSeconds(2).toString(),
                        "--to",
                        work.resolve("archive").toString(),
                        "--segment-events",
                        "200",
                        "--delete-batch",
                        "50");
                assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
                assertThat(run.exitValue())
                        .as(Files.readString(work.resolve("round-" + round + ".err")))
                        .isZero();
            }
            loading.set(false);
            for (Future<?> task : running) {
                task.get(2, TimeUnit.MINUTES);
            }

            for (int i = 0; i < USERS; i++) {
                long head = publisher.head(users.get(i));
                assertThat(eventSeqs(live.get(i), head))
                        .as("live socket of user %d", i)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, head).boxed().toList());
            }
            ArchiveAndTable log = ArchiveAndTable.read(database, work.resolve("archive"));
            assertThat(log.archive()).isNotEmpty();
            assertEachPositionOnce(log);
            for (String user : users) {
                Set<Long> archivedSeqs = log.archive().stream()
                        .filter(row -> row.aggregateIdentifier().equals("feed:" + user))
                        .map(row -> row.sequenceNumber() + 1)
                        .collect(Collectors.toSet());
                assertThat(archivedSeqs)
                        .as("seqs a gap frame named for %s are archived", user)
                        .containsAll(gaps.getOrDefault(user, Set.of()));
            }
            System.out.printf(
                    "[archive-under-load] %d resumes, %d with a gap; %d rows archived%n",
                    resumes.size(), gaps.size(), log.archive().size());
            assertThat(gaps)
                    .as("some resume started before the archived events")
                    .isNotEmpty();
        } finally {
            loading.set(false);
            load.shutdownNow();
            live.forEach(TestSocket::close);
            node.close();
        }
    }

    private void push(ProcessNode node) {
        while (loading.get()) {
            publisher.push(node, users.get(ThreadLocalRandom.current().nextInt(USERS)));
        }
    }

    private void churn(ProcessNode node) {
        while (loading.get()) {
            try (TestSocket socket = TestSocket.connect(node.port())) {
                socket.authenticate(
                        Tokens.user(users.get(ThreadLocalRandom.current().nextInt(USERS))));
            }
        }
    }

    /** A client back from a random cursor: each seq after it once, as an event or inside a gap, up to ready's head. */
    private void resume(ProcessNode node) {
        while (loading.get()) {
            String user = users.get(ThreadLocalRandom.current().nextInt(USERS));
            long cursor = ThreadLocalRandom.current().nextLong(publisher.head(user) + 1);
            try (TestSocket socket = TestSocket.connect(node.port())) {
                socket.expect("welcome");
                socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(user) + "\",\"lastSeq\":" + cursor + "}");
                long head = socket.expect("ready").path("lastSeq").asLong();
                long expected = cursor + 1;
                List<JsonNode> frames = new ArrayList<>();
                while (expected <= head) {
                    JsonNode frame = next(socket, frames, "resume of " + user + " from " + cursor + " to " + head);
                    String type = frame.path("type").asText();
                    if (type.equals("gap")) {
                        assertThat(frame.path("fromSeq").asLong())
                                .as("gap %s", frame)
                                .isEqualTo(expected);
                        long to = frame.path("toSeq").asLong();
                        LongStream.rangeClosed(expected, to)
                                .forEach(seq -> gaps.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet())
                                        .add(seq));
                        expected = to + 1;
                    } else {
                        assertThat(type).as("frame %s", frame).isEqualTo("event");
                        assertThat(frame.path("seq").asLong())
                                .as("after %d from cursor %d", expected - 1, cursor)
                                .isEqualTo(expected);
                        expected++;
                    }
                }
                resumes.add(user);
            }
        }
    }

    /** The next frame, or a failure that tells which resume waited and what it had got. */
    private static JsonNode next(TestSocket socket, List<JsonNode> frames, String resume) {
        try {
            JsonNode frame = socket.next();
            frames.add(frame);
            return frame;
        } catch (AssertionError e) {
            throw new AssertionError(resume + " got " + frames + ", then " + e.getMessage(), e);
        }
    }

    private static List<Long> eventSeqs(TestSocket socket, long head) {
        List<Long> seqs = new ArrayList<>();
        while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < head) {
            JsonNode frame = socket.next();
            assertThat(frame.path("type").asText()).as("frame %s", frame).isEqualTo("event");
            seqs.add(frame.path("seq").asLong());
        }
        return seqs;
    }

    private static void assertEachPositionOnce(ArchiveAndTable log) {
        Set<Long> positions = new java.util.HashSet<>();
        for (ArchivedRow row : log.table()) {
            positions.add(row.globalIndex());
        }
        for (ArchivedRow row : log.archive()) {
            assertThat(positions.add(row.globalIndex()))
                    .as("position %d in the table and the archive", row.globalIndex())
                    .isTrue();
        }
    }
}
