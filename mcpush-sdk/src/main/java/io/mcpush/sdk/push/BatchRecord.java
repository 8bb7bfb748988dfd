package io.mcpush.sdk.push;

import io.mcpush.sdk.EventType;

/**
 * One request of a push, as the result file lists it. {@code plannedBatch} and the event offsets
 * {@code [from, to)} locate it in the push plan (a batch split after a 413 gives several records
 * with the same planned batch). {@code status} is {@code acknowledged} (sent now),
 * {@code resumed} (acknowledged in an earlier run, found in the ledger), {@code failed}, or
 * {@code dead_letter} (one event the gateway refused alone; it went to the dead letters).
 * {@code invocationId} is null unless the request was acknowledged or resumed. Immutable.
 */
public record BatchRecord(int plannedBatch, int from, int to, EventType eventType, long firstLine, long lastLine,
        long compressedBytes, String contentHash, String invocationId, String status, int attempts,
        boolean possibleDuplicate, boolean tableTwins, String error) {
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESUMED = "resumed";
    public static final String FAILED = "failed";
    public static final String DEAD_LETTER = "dead_letter";

    public int events() {
        return to - from;
    }

    /** True when the gateway took this request, now or in an earlier run. */
    public boolean acknowledged() {
        return ACKNOWLEDGED.equals(status) || RESUMED.equals(status);
    }
}
