package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.RefreshConnectionToken;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.auth.VerifiedToken;
import dev.switchboard.gateway.availability.DatabaseAvailability;
import dev.switchboard.gateway.observability.SocketMetrics;
import dev.switchboard.gateway.protocol.ClientFrame;
import dev.switchboard.gateway.protocol.CloseCode;
import dev.switchboard.gateway.protocol.ErrorCode;
import dev.switchboard.gateway.protocol.FrameCodec;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code auth} frame: verify the token, then record the upgrade (unless its close got there first), authenticate,
 * migrate to the final id and mark ready, each an event of its own, in one commit with the registry
 * ({@link LifecycleRecorder}). Only then is the socket READY here: the {@link SocketListener} sends {@code ready} and
 * what the client missed, and the messages held meanwhile are processed in order, all under the session's lock so
 * that no other sender or new frame cuts in. While the database is known to be down the steps are not tried: the
 * socket is closed with 1013 at once rather than after the pool's timeout.
 */
@Component
class Handshake {

    private static final Logger log = LoggerFactory.getLogger(Handshake.class);

    private final AuthCheck check;
    private final ConnectionCommands commands;
    private final LifecycleRecorder recorder;
    private final LocalSockets sockets;
    private final SocketListener listener;
    private final Messages messages;
    private final DatabaseAvailability database;
    private final FrameCodec codec;
    private final SocketMetrics metrics;

    Handshake(
            AuthCheck check,
            ConnectionCommands commands,
            LifecycleRecorder recorder,
            LocalSockets sockets,
            SocketListener listener,
            Messages messages,
            DatabaseAvailability database,
            FrameCodec codec,
            SocketMetrics metrics) {
        this.metrics = metrics;
        this.check = check;
        this.commands = commands;
        this.recorder = recorder;
        this.sockets = sockets;
        this.listener = listener;
        this.messages = messages;
        this.database = database;
        this.codec = codec;
    }

    void authenticate(SocketSession session, ClientFrame.Auth auth) {
        VerifiedToken token = check.verify(session, auth);
        if (token == null) {
            return;
        }
        if (!database.isAvailable()) {
            sockets.closeByServer(session, CloseCode.TRY_AGAIN_LATER, "the database does not answer");
            return;
        }
        String finalId = "conn_" + UUID.randomUUID();
        try {
            if (!recorder.handshake(
                    session,
                    List.of(
                            new AuthenticateConnection(session.preliminaryId(), token.userId(), token.expiresAt()),
                            new MigrateConnectionId(session.preliminaryId(), finalId),
                            new MarkConnectionReady(session.preliminaryId())))) {
                return; // the client left first; its close is in the log, the handshake need not be written
            }
        } catch (ConnectionRejectedException e) {
            // the refusal is in the log; connection_closed means another node or an operator closed it first
            sockets.closeByServer(
                    session,
                    CloseCode.TRY_AGAIN_LATER,
                    "the handshake was refused: " + e.code().code());
            return;
        } catch (RuntimeException e) {
            database.observed(e);
            log.warn("handshake of connection {} failed: {}", session.preliminaryId(), e.getMessage());
            sockets.closeByServer(session, CloseCode.TRY_AGAIN_LATER, "the node could not record the handshake");
            return;
        }
        sockets.send(session, () -> {
            synchronized (session.lock()) {
                if (session.phase() != SocketSession.Phase.AUTHENTICATING) {
                    return;
                }
                session.bind(token.userId(), finalId, token.expiresAt());
                session.phase(SocketSession.Phase.READY);
                session.allowance().releaseUnauthenticatedSlot();
                ReadySocket ready = new ReadySocket(session, sockets);
                listener.ready(ready, auth.lastSeq());
                metrics.handshake(session.upgradedAtNanos());
                while (!session.held().isEmpty()) {
                    messages.process(ready, session.held().poll());
                }
            }
        });
    }

    /** A second {@code auth}: the same user refreshes the token's expiry; another user is refused and recorded. */
    void reauthenticate(SocketSession session, ClientFrame.Auth auth) {
        VerifiedToken token = check.verify(session, auth);
        if (token == null) {
            return;
        }
        if (!token.userId().equals(session.userId())) {
            try {
                commands.send(new AuthenticateConnection(session.preliminaryId(), token.userId(), token.expiresAt()));
            } catch (ConnectionRejectedException expected) {
                log.info("connection {} refused a token for another user", session.preliminaryId());
            } catch (RuntimeException e) {
                database.observed(e); // the refusal could not be recorded; the socket is closed all the same
                log.warn(
                        "connection {} could not record a token for another user: {}",
                        session.preliminaryId(),
                        e.getMessage());
            }
            sockets.closeByServer(session, CloseCode.FORBIDDEN, "a connection's user never changes");
            return;
        }
        try {
            commands.send(new RefreshConnectionToken(session.preliminaryId(), token.userId(), token.expiresAt()));
            sockets.send(session, () -> {
                synchronized (session.lock()) {
                    if (session.phase() == SocketSession.Phase.READY) {
                        session.refreshToken(token.expiresAt());
                        listener.readyAgain(new ReadySocket(session, sockets));
                    }
                }
            });
        } catch (ConnectionRejectedException e) {
            log.info(
                    "connection {} could not refresh its token: {}",
                    session.preliminaryId(),
                    e.code().code());
        } catch (RuntimeException e) {
            // not recorded, so not in force: the client keeps its old expiry and should send auth again later
            database.observed(e);
            log.warn("connection {} could not record its token refresh: {}", session.preliminaryId(), e.getMessage());
            sockets.send(
                    session,
                    codec.error(
                            ErrorCode.UNAVAILABLE,
                            "the token refresh could not be recorded; send auth again later",
                            null));
        }
    }
}
