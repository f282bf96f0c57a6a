package dev.switchboard.audit.timeline;

import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.command.connection.ConnectionSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which connections an agent event reaches at a moment of a replay. Kept as indexes updated per event, because a
 * window replays the whole log before it and a scan of every registry row per agent event would not scale.
 *
 * <p>A connection still OPENED has no user yet; whether it is the user's is known only once the replayed log shows
 * it authenticating. Such connections are noted per event and resolved when the replay ends ({@link Pending}).
 */
final class FeedAudience {

    /** Stream → user: a binding never changes, so once known it holds for the connection's whole life. */
    private final Map<String, String> owners = new HashMap<>();
    /** User → their AUTHENTICATED or READY connections, in the order they authenticated. */
    private final Map<String, Set<String>> bound = new HashMap<>();
    /** OPENED connections, in the order they opened. */
    private final Set<String> unbound = new LinkedHashSet<>();

    /** Records an owner the caller knows from elsewhere in the log (a user timeline read the whole streams). */
    void knowOwner(String streamId, String userId) {
        owners.put(streamId, userId);
    }

    /** Follows a connection stream's state after one of its events; claim streams (no state) are skipped. */
    void track(String streamId, ConnectionSnapshot after) {
        if (after.state() == null) {
            return;
        }
        switch (after.state()) {
            case OPENED -> unbound.add(streamId);
            case AUTHENTICATED, READY -> {
                unbound.remove(streamId);
                owners.put(streamId, after.userId());
                bound.computeIfAbsent(after.userId(), user -> new LinkedHashSet<>())
                        .add(streamId);
            }
            case CLOSED -> {
                unbound.remove(streamId);
                String owner = owners.get(streamId);
                if (owner != null) {
                    bound.getOrDefault(owner, Set.of()).remove(streamId);
                }
            }
        }
    }

    /** Who the event reaches now, by the sandbox registry's states. */
    Pending at(AgentEventPublished event, SandboxRegistry registry) {
        List<String> deliveredTo = new ArrayList<>();
        List<String> heldFor = new ArrayList<>();
        for (String streamId : bound.getOrDefault(event.userId(), Set.of())) {
            registry.row(streamId)
                    .ifPresent(row -> (row.state() == ConnectionState.READY ? deliveredTo : heldFor).add(streamId));
        }
        return new Pending(event, deliveredTo, heldFor, List.copyOf(unbound));
    }

    /** A delivery whose OPENED connections await the end of the replay to learn their users. */
    final class Pending {

        private final AgentEventPublished event;
        private final List<String> deliveredTo;
        private final List<String> heldFor;
        private final List<String> unboundThen;

        private Pending(
                AgentEventPublished event, List<String> deliveredTo, List<String> heldFor, List<String> unboundThen) {
            this.event = event;
            this.deliveredTo = deliveredTo;
            this.heldFor = heldFor;
            this.unboundThen = unboundThen;
        }

        Delivery resolve() {
            List<String> held = new ArrayList<>(heldFor);
            unboundThen.stream()
                    .filter(streamId -> event.userId().equals(owners.get(streamId)))
                    .forEach(held::add);
            return new Delivery(
                    event.userId(),
                    event.seq(),
                    event.runId(),
                    event.event(),
                    List.copyOf(deliveredTo),
                    List.copyOf(held));
        }
    }
}
