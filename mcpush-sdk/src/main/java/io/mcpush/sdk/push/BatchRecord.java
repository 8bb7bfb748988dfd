package io.mcpush.sdk.push;

import io.mcpush.sdk.EventType;

/**
 * One request of a push, as the result file lists it. {@code plannedBatch} and the event offsets
 * {@code [from, to)} locate it in the push plan (a batch split after a 413 gives several records
 * with the same planned batch). {@code status} is {@code acknowledged} (sent now),
 * {@code resumed} (acknowledged in an earlier run, found in the ledger) or {@code failed}.
 * {@code invocationId} is null for a failed request. Immutable.
 */
public record BatchRecord(int plannedBatch, int from, int to, EventType eventType, long firstLine, long lastLine,
        long compressedBytes, String contentHash, String invocationId, String status, int attempts,
        boolean possibleDuplicate, boolean tableTwins, String error) {
    public int events() {
        return to - from;
    }
}
