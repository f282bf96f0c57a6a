package dev.switchboard.bench.capacity;

import dev.switchboard.bench.sockets.ReadySockets;
import dev.switchboard.bench.sockets.Tokens;
import java.net.URI;
import java.net.http.HttpClient;

/**
 * {@code IdleClient <ws uri> <count> <first user> <concurrency>}: one load process of the capacity figure. Opens
 * {@code count} READY sockets (user {@code bench-idle-<first + i % 1000>}), prints {@code ready <n> failed <m>}, then
 * holds them idle (answering pings) until its standard input closes. One shared client per process keeps the client's
 * own cost low; run several processes to stay below the per-process file limit.
 */
public final class IdleClient {

    private IdleClient() {}

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int count = Integer.parseInt(args[1]);
        int first = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        Tokens tokens = Tokens.fromEnvironment();
        String[] byUser = new String[Math.min(count, 1000)];
        for (int u = 0; u < byUser.length; u++) {
            byUser[u] = tokens.user("bench-idle-" + (first + u));
        }
        try (var sockets = ReadySockets.open(
                HttpClient.newHttpClient(),
                uri,
                count,
                concurrency,
                i -> byUser[i % byUser.length],
                i -> frame -> {})) {
            System.out.println("ready " + sockets.ready() + " failed " + sockets.failed()
                    + (sockets.firstFailure() == null ? "" : " first " + sockets.firstFailure()));
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the sockets until the driver closes our input
            }
        }
        System.exit(0);
    }
}
