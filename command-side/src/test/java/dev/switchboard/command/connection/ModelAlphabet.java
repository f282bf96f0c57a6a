package dev.switchboard.command.connection;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RecordRejection;
import dev.switchboard.api.connection.RefreshConnectionToken;
import dev.switchboard.api.connection.RejectionCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The letters of {@link ConnectionModelTest}'s sequences: a small alphabet of every command a node sends that reaches
 * every state and every refusal the aggregate itself decides (the token refresh as the bound user or, after
 * {@code auth(B)}, as another). Each letter is written for a connection id and the final id it may claim; the last
 * letter addresses the final id instead of the connection: unknown before the migration, a claim after it.
 */
final class ModelAlphabet {

    /** A later expiry than the first token's, as a client's fresh token carries. */
    static final Instant REFRESHED_EXPIRY = ConnectionFixtures.TOKEN_EXPIRES.plusSeconds(3600);

    record Letter(String label, Command command) {

        ConnectionCommand to(String connectionId, String finalId) {
            return command.to(connectionId, finalId);
        }
    }

    interface Command {
        ConnectionCommand to(String connectionId, String finalId);
    }

    static final List<Letter> LETTERS = List.of(
            new Letter("open", (c, f) -> new OpenConnection(c, "node-a")),
            new Letter("auth(A)", (c, f) -> new AuthenticateConnection(c, "userA", ConnectionFixtures.TOKEN_EXPIRES)),
            new Letter("auth(B)", (c, f) -> new AuthenticateConnection(c, "userB", ConnectionFixtures.TOKEN_EXPIRES)),
            new Letter("refresh(A)", (c, f) -> new RefreshConnectionToken(c, "userA", REFRESHED_EXPIRY)),
            new Letter("migrate(f1)", MigrateConnectionId::new),
            new Letter("migrate(c1)", (c, f) -> new MigrateConnectionId(c, c)),
            new Letter("ready", (c, f) -> new MarkConnectionReady(c)),
            new Letter("close", (c, f) -> new CloseConnection(c, CloseReason.CLIENT_CLOSED, null, "node-a")),
            new Letter("ready(f1)", (c, f) -> new MarkConnectionReady(f)));

    private ModelAlphabet() {}

    /** Refused on purpose in every state, so its refusal reports the state the aggregate was loaded into. */
    static RecordRejection stateProbe(String connectionId) {
        return new RecordRejection(
                connectionId, "StateProbe", Map.of(), RejectionCode.UNKNOWN_CONNECTION, "asks the loaded aggregate");
    }
}
