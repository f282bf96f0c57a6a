package dev.switchboard.gateway.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Starts tasks on separate threads at the same instant (a barrier) and collects what each one did. */
final class Race {

    /** What one racer ended with: its result, or the exception it threw. */
    record Outcome<T>(T value, Throwable error) {

        boolean succeeded() {
            return error == null;
        }
    }

    private Race() {}

    @SafeVarargs
    static <T> List<Outcome<T>> run(Callable<T>... racers) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(racers.length);
        try {
            CyclicBarrier start = new CyclicBarrier(racers.length);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> racer : racers) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return racer.call();
                }));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    outcomes.add(new Outcome<>(future.get(30, TimeUnit.SECONDS), null));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("a racer did not finish within 30 s", e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
