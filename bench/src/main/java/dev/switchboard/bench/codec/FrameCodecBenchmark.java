package dev.switchboard.bench.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.protocol.BadFrameException;
import dev.switchboard.gateway.protocol.FrameCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The wire format alone: a CPU baseline that every frame pays, with no I/O at all. */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class FrameCodecBenchmark {

    // a realistic HS256 token's length, so parsing pays for a long string field
    private static final String AUTH = "{\"type\":\"auth\",\"token\":\"" + "x".repeat(180) + "\",\"lastSeq\":42}";

    // a plain ObjectMapper: the node's adds only date handling, which no frame uses
    private final FrameCodec codec = new FrameCodec(new ObjectMapper());

    @Benchmark
    public Object parseAuth() throws BadFrameException {
        return codec.parse(AUTH);
    }

    @Benchmark
    public String writeReady() {
        return codec.ready("conn_0f8fad5b-d9cb-469f-a165-70867728950e", "user-17", 42);
    }
}
