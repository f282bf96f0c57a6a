package dev.switchboard.bench.delivery;

import dev.switchboard.bench.push.Publish;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** How one timestamped event leaves the driver: pushed through the node's API, or echoed by the bare handler. */
interface Senders {

    /** Sends event {@code n}, stamped with its scheduled time; true when the server accepted it. */
    boolean send(long n, int phase, long dueNanos) throws Exception;

    static String payload(int phase, long dueNanos) {
        return "{\"p\":" + phase + ",\"t\":" + dueNanos + "}";
    }

    /** {@code POST /api/users/{user}/events} with a publisher's token; the user of event n owns socket n % users. */
    static Senders push(HttpClient http, URI base, String token, List<String> users) {
        return (n, phase, due) -> {
            String user = users.get((int) (n % users.size()));
            var request = Publish.one(base, token, user, payload(phase, due), Duration.ofSeconds(10));
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202;
        };
    }

    /** An {@code echo} frame on socket n % sockets; the bare handler sends it straight back. */
    static Senders echo(List<WebSocket> sockets) {
        @SuppressWarnings("unchecked")
        CompletableFuture<WebSocket>[] last = new CompletableFuture[sockets.size()];
        return (n, phase, due) -> {
            int i = (int) (n % sockets.size());
            String frame = "{\"type\":\"echo\",\"data\":" + payload(phase, due) + "}";
            synchronized (sockets.get(i)) { // the JDK client allows one outstanding send per socket
                if (last[i] != null) {
                    last[i].get(10, TimeUnit.SECONDS);
                }
                last[i] = sockets.get(i).sendText(frame, true);
            }
            return true;
        };
    }
}
