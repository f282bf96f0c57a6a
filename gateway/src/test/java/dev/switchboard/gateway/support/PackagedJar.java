package dev.switchboard.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged {@code switchboard.jar}, run as a process the way an operator runs it. Only {@code *ProcessIT} tests
 * use it: failsafe runs them after {@code package} and names the jar in the {@code switchboard.jar} property.
 */
public final class PackagedJar {

    private PackagedJar() {}

    /** {@code java -jar switchboard.jar <arguments>} on the test's own JDK, not started yet. */
    public static ProcessBuilder command(String... arguments) {
        Path jar = Path.of(System.getProperty("switchboard.jar", "target/switchboard.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: process tests run after `package`, "
                    + "as *ProcessIT in failsafe (./mvnw verify)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only and the serial collector: two nodes and the test share two cores
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                jar.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }

    /** Where a process's output goes: {@code target/process-nodes/<name>.log}, kept for reading after a failure. */
    public static Path log(String name) {
        try {
            return Files.createDirectories(Path.of("target", "process-nodes")).resolve(name + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
