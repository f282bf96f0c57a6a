package dev.switchboard.bench.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Threads that each call a task back to back, with no pause, until a deadline or until the task says stop. */
final class ClosedLoop {

    /** One call; {@code n} counts the calls of all threads from 0. */
    interface Task {
        /** @return false when this thread should stop before the deadline */
        boolean run(long n);
    }

    private ClosedLoop() {}

    /** @return the seconds from the start until the last thread finished its last call */
    static double run(String name, int threads, Duration duration, Task task) throws InterruptedException {
        var ticket = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(
                    () -> {
                        while (System.nanoTime() < deadline && task.run(ticket.getAndIncrement())) {
                            // the task is the whole body
                        }
                    },
                    name + "-" + t);
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            thread.join();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
