package io.mcpush.sdk.push;

import io.mcpush.sdk.McpushException;
import java.time.Instant;
import java.util.List;

/**
 * What a push did. {@code events} counts source events (table-level twins are extra requests,
 * listed among the batches); {@code batches} holds one record per request in plan order;
 * {@code invocationIds} are those of the acknowledged and resumed requests, in the same order.
 * {@code failure} is null when every event was acknowledged. {@code requestsSent} counts
 * requests acknowledged in this run (0 when a rerun found everything in the ledger).
 */
public record PushResult(PushTarget target, long events, List<BatchRecord> batches, List<String> invocationIds,
        int requestsSent, McpushException failure, Instant startedAt, Instant finishedAt) {
    public PushResult {
        batches = List.copyOf(batches);
        invocationIds = List.copyOf(invocationIds);
    }

    public boolean complete() {
        return failure == null;
    }

    /** True when nothing needed sending: every batch was already acknowledged by an earlier run. */
    public boolean alreadyComplete() {
        return failure == null && requestsSent == 0 && !batches.isEmpty();
    }

    public long compressedBytes() {
        return batches.stream().mapToLong(b -> Math.max(0, b.compressedBytes())).sum();
    }
}
