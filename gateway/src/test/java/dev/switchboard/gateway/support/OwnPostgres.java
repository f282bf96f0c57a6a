package dev.switchboard.gateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own, on a spare port, which the test may stop and start again: the shared test
 * server must never be stopped. Made with the installed server's {@code initdb} and {@code pg_ctl}, in a folder under
 * {@code /tmp} that {@link #close()} deletes. PostgreSQL refuses to run as root, so as root the tools run as the
 * {@code postgres} user, who then owns the folder.
 */
public final class OwnPostgres implements AutoCloseable {

    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_SECONDS = 60;

    private final Path bin;
    private final Path folder;
    private final int port;

    private OwnPostgres(Path bin, Path folder, int port) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
    }

    /** The newest installed server's tools ({@code /usr/lib/postgresql/<major>/bin}), if any. */
    public static Optional<Path> installedBin() {
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.filter(version -> version.getFileName().toString().matches("\\d+"))
                    .filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(
                            version -> Integer.parseInt(version.getFileName().toString())))
                    .map(version -> version.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Creates the cluster (trust authentication, superuser postgres) and starts it. */
    public static OwnPostgres start(Path bin) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory(Path.of("/tmp"), "switchboard-pg-");
        OwnPostgres postgres = new OwnPostgres(bin, folder, sparePort());
        // a test that dies without its finally (a killed JVM excepted) must not leave a server running
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::closeQuietly));
        try {
            if (asRoot()) {
                run(List.of("chown", "postgres:postgres", folder.toString()));
            }
            postgres.tool("initdb", "-D", postgres.data(), "-A", "trust", "-U", "postgres", "--no-sync");
            postgres.startAgain();
            return postgres;
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** The installation's tools ({@code psql} among them), for a script that runs them by name. */
    public Path bin() {
        return bin;
    }

    /** Stops the server the way an operator's fast shutdown does: sessions are cut, nothing is left running. */
    public void stop() throws IOException, InterruptedException {
        tool("pg_ctl", "stop", "-D", data(), "-m", "fast", "-w");
    }

    /** Starts the server on the same port and folder; returns once it accepts connections. */
    public void startAgain() throws IOException, InterruptedException {
        tool(
                "pg_ctl",
                "start",
                "-D",
                data(),
                "-w",
                "-l",
                folder.resolve("server.log").toString(),
                "-o",
                "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off");
    }

    /** Stops the server if it runs, then deletes its folder; a second call does nothing. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (!Files.exists(folder)) {
            return;
        }
        try {
            if (Files.exists(folder.resolve("data/postmaster.pid"))) {
                tool("pg_ctl", "stop", "-D", data(), "-m", "immediate", "-w");
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("could not remove the test's PostgreSQL in " + folder + ": " + e.getMessage());
        }
    }

    private String data() {
        return folder.resolve("data").toString();
    }

    private void tool(String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(name).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    /** Output goes to a file, not a pipe: the server that pg_ctl leaves running must not hold our end open. */
    private static void run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("switchboard-pg-tool-", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean finished = process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS);
            if (!finished || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int sparePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
