package dev.switchboard.query.registry;

import dev.switchboard.api.registry.ConnectionCount;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.api.registry.CountConnectionsByStateAndNode;
import dev.switchboard.api.registry.FindConnection;
import dev.switchboard.api.registry.ListUserConnections;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers the registry's queries on Axon's query bus. */
@Component
class RegistryQueries {

    private final ConnectionRegistry registry;

    RegistryQueries(ConnectionRegistry registry) {
        this.registry = registry;
    }

    @QueryHandler
    Optional<ConnectionView> handle(FindConnection query) {
        return registry.find(query.id());
    }

    @QueryHandler
    List<ConnectionView> handle(ListUserConnections query) {
        return registry.ofUser(query.userId(), query.state());
    }

    @QueryHandler
    List<ConnectionCount> handle(CountConnectionsByStateAndNode query) {
        return registry.countByStateAndNode();
    }
}
