package dev.switchboard.bench.capacity;

import dev.switchboard.bench.sockets.ReadySockets;
import dev.switchboard.bench.sockets.Tokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Grows the number of idle READY sockets held against a server, from load processes or, for a smoke test, in here. */
public abstract class IdleClients implements AutoCloseable {

    static final int PER_PROCESS = 6_000;
    private static final int CONCURRENCY = 12;

    int ready;
    int failed;

    /** Adds sockets until {@code total} are open (or have failed). */
    abstract void growTo(int total) throws Exception;

    int ready() {
        return ready;
    }

    int failed() {
        return failed;
    }

    /** {@link IdleClient} processes on this JVM's class path, each holding at most {@value #PER_PROCESS} sockets. */
    static IdleClients processes(URI uri) {
        return new IdleClients() {
            private final List<Process> processes = new ArrayList<>();

            @Override
            void growTo(int total) throws Exception {
                List<CompletableFuture<String>> started = new ArrayList<>();
                for (int need = total - ready - failed; need > 0; need -= PER_PROCESS) {
                    int count = Math.min(need, PER_PROCESS);
                    String java = Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString();
                    Process process = new ProcessBuilder(
                                    java,
                                    "-Xmx1g",
                                    "-XX:+UseSerialGC",
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    IdleClient.class.getName(),
                                    uri.toString(),
                                    Integer.toString(count),
                                    Integer.toString(processes.size() * 1000),
                                    Integer.toString(CONCURRENCY))
                            .redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start();
                    processes.add(process);
                    var lines =
                            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    started.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return lines.readLine();
                        } catch (java.io.IOException e) {
                            return "failed " + e;
                        }
                    }));
                }
                for (CompletableFuture<String> line : started) {
                    String[] words = String.valueOf(line.get()).split(" ");
                    if (words.length < 4 || !words[0].equals("ready")) {
                        throw new IllegalStateException("a load process answered " + line.get());
                    }
                    ready += Integer.parseInt(words[1]);
                    failed += Integer.parseInt(words[3]);
                    if (words.length > 4) {
                        System.out.println("capacity client: " + line.get());
                    }
                }
            }

            @Override
            public void close() {
                processes.forEach(Process::destroy);
            }
        };
    }

    /** Sockets held by this JVM: for a smoke test, where the client's own heap does not matter. */
    public static IdleClients inProcess(URI uri, String secret) {
        var client = HttpClient.newHttpClient();
        var tokens = Tokens.of(secret);
        return new IdleClients() {
            private final List<ReadySockets> held = new ArrayList<>();

            @Override
            void growTo(int total) throws Exception {
                int user = held.size();
                var sockets = ReadySockets.open(
                        client,
                        uri,
                        total - ready - failed,
                        CONCURRENCY,
                        i -> tokens.user("bench-idle-" + user + "-" + i),
                        i -> frame -> {});
                held.add(sockets);
                ready += sockets.ready();
                failed += sockets.failed();
            }

            @Override
            public void close() {
                held.forEach(ReadySockets::close);
            }
        };
    }
}
