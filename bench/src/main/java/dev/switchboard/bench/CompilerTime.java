package dev.switchboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time a server process's JIT compiler threads have used so far, read from {@code /proc/<pid>/task}: the
 * threads HotSpot names {@code C1 CompilerThre…} and {@code C2 CompilerThre…}. The load runs on the server's machine
 * (127.0.0.1), so it can watch the server's compilers settle before it records anything ({@link SettledWarmUp}).
 */
final class CompilerTime {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the harness runs on

    private final Path tasks;

    CompilerTime(long pid) {
        this.tasks = Path.of("/proc", Long.toString(pid), "task");
    }

    /** Seconds of CPU, user and system, of the compiler threads alive now. */
    double seconds() {
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.mapToLong(CompilerTime::compilerTicks).sum() / (double) TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's threads in " + tasks, e);
        }
    }

    /** A compiler thread's utime + stime in ticks; 0 for any other thread, or one that ended while read. */
    private static long compilerTicks(Path thread) {
        try {
            if (!Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                return 0;
            }
            String stat = Files.readString(thread.resolve("stat"));
            // the fields after the name, which is in parentheses and may hold spaces: state is the first, utime the
            // 12th, stime the 13th (proc(5): fields 14 and 15)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (NoSuchFileException ended) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
