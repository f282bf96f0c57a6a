package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.auth.InvalidTokenException;
import dev.switchboard.gateway.auth.TokenVerifier;
import dev.switchboard.gateway.auth.VerifiedToken;
import dev.switchboard.gateway.limits.AuthAttempt;
import dev.switchboard.gateway.limits.AuthFailureCircuits;
import dev.switchboard.gateway.limits.LimitExceededException;
import dev.switchboard.gateway.protocol.ClientFrame;
import dev.switchboard.gateway.protocol.CloseCode;
import org.springframework.stereotype.Component;

/**
 * The token of an {@code auth} frame, checked behind the authentication failure circuits. While the client's address,
 * or the user its token names, has failed too often, the socket is closed with 4029 (its reason says which of the two)
 * before the token is verified or a command sent; only the close (RATE_LIMITED) is written. A refused token closes
 * with 4001, its refusal's code and sentence in the close frame and in the log, and counts against the address and,
 * when it was correctly signed, against its user.
 */
@Component
class AuthCheck {

    private final TokenVerifier verifier;
    private final AuthFailureCircuits circuits;
    private final LocalSockets sockets;

    AuthCheck(TokenVerifier verifier, AuthFailureCircuits circuits, LocalSockets sockets) {
        this.verifier = verifier;
        this.circuits = circuits;
        this.sockets = sockets;
    }

    /** @return the verified token, or null when the socket was closed instead */
    VerifiedToken verify(SocketSession session, ClientFrame.Auth auth) {
        AuthAttempt attempt;
        try {
            attempt = circuits.attempt(session.allowance().address(), verifier.claimedUser(auth.token()));
        } catch (LimitExceededException e) {
            CloseCode code = LimitCloses.codeFor(e.limit());
            sockets.closeByServer(session, code, code.description());
            return null;
        }
        try {
            VerifiedToken token = verifier.verify(auth.token());
            attempt.succeeded();
            return token;
        } catch (InvalidTokenException e) {
            if (e.ourFault()) {
                attempt.abandoned();
            } else {
                attempt.failed(e.signedUser());
            }
            sockets.closeByServerTelling(session, CloseCode.AUTH_FAILED, e.closeText());
            return null;
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
    }
}
