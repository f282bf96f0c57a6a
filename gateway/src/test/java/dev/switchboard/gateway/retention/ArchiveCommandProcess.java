package dev.switchboard.gateway.retention;

import dev.switchboard.gateway.support.PackagedJar;
import dev.switchboard.gateway.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code java -jar switchboard.jar archive ...} on a database, its output in {@code <name>.out} and {@code .err}. */
final class ArchiveCommandProcess {

    private ArchiveCommandProcess() {}

    static Process start(
            TestDatabase database, Path work, String name, Map<String, String> environment, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("archive"));
        command.addAll(List.of(arguments));
        var builder = PackagedJar.command(command.toArray(String[]::new))
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
}
