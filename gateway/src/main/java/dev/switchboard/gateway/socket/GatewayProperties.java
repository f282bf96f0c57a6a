package dev.switchboard.gateway.socket;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the WebSocket endpoint treats its clients ({@code switchboard.gateway.*}).
 *
 * @param heartbeatInterval how often the server pings each socket, and the interval announced in {@code welcome}
 * @param heartbeatTimeout how long a socket may stay silent (no frame, no pong) before it is closed
 * @param authTimeout how long a socket may stay unauthenticated before it is closed with 4002
 * @param maxPendingMessages messages held between {@code auth} and {@code ready}; more are refused as rate_limited
 * @param maxFrameSize the largest text frame accepted; larger ones close the socket with 1009
 * @param maxMessageText the longest {@code message} text; longer ones are answered with {@code too_large}
 * @param sendBufferLimit bytes queued for one slow client before it is closed as a slow consumer
 * @param sendTimeLimit how long one send may block before the client is closed as a slow consumer
 * @param allowedOrigins Origin header values allowed to open a socket ({@code *} for any)
 * @param drainTimeout how long a stopping node spends recording and closing its sockets (1001) before it exits
 * @param socketBufferSize each socket's read and write buffers, in the connector and in the WebSocket frame codec;
 *     longer reads and writes take several passes (set once per process, at start)
 * @param textBufferSize the characters (two bytes each) of a text frame the container decodes at once; a longer
 *     frame arrives in parts, joined up to {@code maxFrameSize}
 * @param closeJournalCapacity closes kept in memory while the database does not answer, recorded with their reason
 *     and time when it is back; beyond it a close's reason and time are lost (it is recorded as SERVER_CLOSED)
 */
@ConfigurationProperties("switchboard.gateway")
public record GatewayProperties(
        @DefaultValue("25s") Duration heartbeatInterval,
        @DefaultValue("60s") Duration heartbeatTimeout,
        @DefaultValue("10s") Duration authTimeout,
        @DefaultValue("16") int maxPendingMessages,
        @DefaultValue("64KB") DataSize maxFrameSize,
        @DefaultValue("16KB") DataSize maxMessageText,
        @DefaultValue("512KB") DataSize sendBufferLimit,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("*") List<String> allowedOrigins,
        @DefaultValue("20s") Duration drainTimeout,
        @DefaultValue("1KB") DataSize socketBufferSize,
        @DefaultValue("512B") DataSize textBufferSize,
        @DefaultValue("20000") int closeJournalCapacity) {}
