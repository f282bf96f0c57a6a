package dev.switchboard.gateway.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * FrameCodec's constructor is package-private so that only Spring builds it in the node; the benchmark builds one
 * from this class in the same package, with a plain ObjectMapper (the node's adds only date handling, which no
 * frame uses).
 */
public final class CodecAccess {

    private CodecAccess() {}

    public static FrameCodec codec() {
        return new FrameCodec(new ObjectMapper());
    }
}
