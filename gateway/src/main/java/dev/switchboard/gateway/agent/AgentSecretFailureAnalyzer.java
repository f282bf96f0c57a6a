package dev.switchboard.gateway.agent;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Puts the agent secret's sentence at the top of Boot's "APPLICATION FAILED TO START" report. Registered in
 * {@code META-INF/spring.factories}.
 */
class AgentSecretFailureAnalyzer extends AbstractFailureAnalyzer<AgentSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AgentSecretException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set SWITCHBOARD_AGENT_SECRET to the key your agent backend verifies signatures with (at least "
                        + AgentBackendProperties.MIN_SECRET_BYTES + " bytes), or unset SWITCHBOARD_AGENT_URL to "
                        + "let the demo agent answer.",
                cause);
    }
}
