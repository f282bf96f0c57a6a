package dev.switchboard.gateway.agent;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Who answers clients' messages: the operator's agent backend when {@code switchboard.agent.url} is set, else the demo. */
final class AgentBackendCondition {

    private AgentBackendCondition() {}

    static boolean configured(ConditionContext context) {
        return StringUtils.hasText(context.getEnvironment().getProperty("switchboard.agent.url"));
    }

    static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return configured(context);
        }
    }

    static final class NotConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !configured(context);
        }
    }
}
