package dev.switchboard.gateway.retention;

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
        return JarCommand.start(database, work, name, environment, command.toArray(String[]::new));
    }
}
