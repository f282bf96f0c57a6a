package dev.switchboard.gateway.cli;

import dev.switchboard.gateway.support.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs an audit command in-process against this run's database, as an operator would from a shell. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        return runOn(TestDatabase.shared(), args);
    }

    /** Like {@link #run}, against a database of the test's own. */
    static Cli runOn(TestDatabase database, String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.addAll(List.of("--db", database.jdbcUrl(), "--db-user", database.username()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode =
                SwitchboardCommands.run(new PrintWriter(out), new PrintWriter(err), arguments.toArray(String[]::new));
        return new Cli(exitCode, out.toString(), err.toString());
    }
}
