package dev.switchboard.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.PackagedJar;
import dev.switchboard.gateway.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar switchboard.jar <command> ...} on a database, with the node's environment variables naming it, as
 * an operator runs a tool; its output in {@code <name>.out} and {@code .err} under a work directory.
 */
record JarCommand(int exitCode, String out, String err) {

    static Process start(
            TestDatabase database, Path work, String name, Map<String, String> environment, String... arguments)
            throws IOException {
        var builder = PackagedJar.command(arguments)
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile());
        builder.environment()
                .putAll(Map.of(
                        "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                        "SPRING_DATASOURCE_USERNAME", database.username(),
                        "SPRING_DATASOURCE_PASSWORD", database.password()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs the command to its end (two minutes at most) and reads what it printed. */
    static JarCommand run(TestDatabase database, Path work, String name, String... arguments) throws Exception {
        Process process = start(database, work, name, Map.of(), arguments);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(name).isTrue();
        return new JarCommand(
                process.exitValue(),
                Files.readString(work.resolve(name + ".out")),
                Files.readString(work.resolve(name + ".err")));
    }
}
