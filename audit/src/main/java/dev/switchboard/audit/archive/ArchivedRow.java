package dev.switchboard.audit.archive;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of {@code domain_event_entry}, column for column, as a segment holds it. Byte columns are written as base64
 * (Jackson's default for {@code byte[]}); {@code timeStamp} is the column's text, an ISO-8601 instant.
 */
public record ArchivedRow(
        long globalIndex,
        String aggregateIdentifier,
        long sequenceNumber,
        String type,
        String eventIdentifier,
        byte[] metaData,
        byte[] payload,
        String payloadRevision,
        String payloadType,
        String timeStamp) {

    public ArchivedRow {
        Objects.requireNonNull(aggregateIdentifier, "aggregateIdentifier");
        Objects.requireNonNull(eventIdentifier, "eventIdentifier");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(timeStamp, "timeStamp");
    }

    /** Equal column for column, the byte columns by content: how a re-read segment is checked against its rows. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ArchivedRow row
                && globalIndex == row.globalIndex
                && sequenceNumber == row.sequenceNumber
                && aggregateIdentifier.equals(row.aggregateIdentifier)
                && Objects.equals(type, row.type)
                && eventIdentifier.equals(row.eventIdentifier)
                && Arrays.equals(metaData, row.metaData)
                && Arrays.equals(payload, row.payload)
                && Objects.equals(payloadRevision, row.payloadRevision)
                && payloadType.equals(row.payloadType)
                && timeStamp.equals(row.timeStamp);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(globalIndex) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ArchivedRow[" + globalIndex + " " + aggregateIdentifier + "#" + sequenceNumber + " " + payloadType
                + "]";
    }
}
