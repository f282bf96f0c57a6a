package dev.switchboard.gateway.agent;

/** The agent backend is configured without a usable secret; the node must not start. Never quotes the secret. */
class AgentSecretException extends IllegalStateException {

    AgentSecretException(String message) {
        super(message);
    }
}
