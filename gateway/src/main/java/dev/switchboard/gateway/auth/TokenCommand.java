package dev.switchboard.gateway.auth;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard.jar token --user alice [--scope "admin events:publish"] [--ttl 3600]}: prints a signed HS256
 * development token and exits, without starting a node. It signs with {@code SWITCHBOARD_JWT_SECRET}, or else with the
 * secret a node on the embedded database generated in its data folder ({@code SWITCHBOARD_DATA_DIR}, default
 * {@code ./data}). When {@code SWITCHBOARD_JWT_ISSUER} or {@code SWITCHBOARD_JWT_AUDIENCE} is set, as the node requires
 * them, the token carries them too.
 */
@Command(name = "token", description = "Prints a signed HS256 development token to stdout and exits.")
public final class TokenCommand implements Callable<Integer> {

    static final String ISSUER = "SWITCHBOARD_JWT_ISSUER";
    static final String AUDIENCE = "SWITCHBOARD_JWT_AUDIENCE";

    @Option(
            names = "--user",
            required = true,
            paramLabel = "<user>",
            description = "the user id, the token's subject (sub)")
    String user;

    @Option(
            names = "--scope",
            paramLabel = "<scopes>",
            description = "scopes, space-separated or repeated: admin, events:publish")
    List<String> scopes = new ArrayList<>();

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "prints this help and exits")
    boolean help;

    @Option(
            names = "--ttl",
            defaultValue = "3600",
            paramLabel = "<seconds>",
            description = "seconds until the token expires (default 3600)")
    long ttlSeconds;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final Clock clock;

    /** The {@code token} command of {@code switchboard.jar} (see {@code cli/SwitchboardCommands}). */
    public TokenCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    TokenCommand(Map<String, String> environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    /** The command alone, with its environment and clock given, as the tests run it; returns the exit code. */
    static int run(Map<String, String> environment, Clock clock, PrintWriter out, PrintWriter err, String... args) {
        var commandLine = new CommandLine(new TokenCommand(environment, clock))
                .setOut(out)
                .setErr(err)
                // a failure is one sentence for the operator, not a stack trace
                .setExecutionExceptionHandler((failure, line, parsed) -> {
                    line.getErr().println(failure.getMessage());
                    return 1;
                });
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    @Override
    public Integer call() {
        if (user.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--user must not be blank");
        }
        if (ttlSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--ttl must be a positive number of seconds");
        }
        List<String> scopeList = Arrays.stream(String.join(" ", scopes).split("\\s+"))
                .filter(scope -> !scope.isBlank())
                .distinct()
                .toList();
        String token = DevelopmentTokens.mint(
                secret(),
                user,
                scopeList,
                Duration.ofSeconds(ttlSeconds),
                clock.instant(),
                environment.get(ISSUER),
                environment.get(AUDIENCE));
        spec.commandLine().getOut().println(token);
        return 0;
    }

    private byte[] secret() {
        String configured = environment.get(HmacSecret.VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return HmacSecret.bytes(configured, HmacSecret.VARIABLE);
        }
        String folder = environment.get("SWITCHBOARD_DATA_DIR");
        Path dataDir = Path.of(folder == null || folder.isBlank() ? DevelopmentSecretFile.DEFAULT_DATA_DIR : folder);
        return DevelopmentSecretFile.read(dataDir)
                .orElseThrow(() -> new IllegalStateException("No secret to sign with: set " + HmacSecret.VARIABLE
                        + ", or start a node on the embedded database "
                        + "once so that it generates " + DevelopmentSecretFile.in(dataDir)
                        + " (set SWITCHBOARD_DATA_DIR if its data folder is not ./data)."));
    }
}
