package io.mcpush.sdk.push;

import io.mcpush.sdk.EventType;
import io.mcpush.sdk.McpushException;
import java.time.Instant;
import java.util.List;

/**
 * What a push did. {@code events} counts source events (table-level twins are extra requests,
 * listed among the batches); {@code batches} holds one record per request in plan order;
 * {@code invocationIds} are those of the acknowledged and resumed requests, in the same order.
 * {@code failure} is null when every event was acknowledged or is a dead letter
 * ({@code deadLetterCount}; the first {@link #DEAD_LETTER_SAMPLE} in {@code deadLetters}).
 * {@code requestsSent} counts requests acknowledged in this run (0 when a rerun found everything
 * in the ledger).
 */
public record PushResult(PushTarget target, long events, List<BatchRecord> batches, List<String> invocationIds,
        int requestsSent, McpushException failure, Instant startedAt, Instant finishedAt, long deadLetterCount,
        List<DeadLetter> deadLetters) {
    /** How many dead letters {@link #deadLetters()} lists at most (the count is exact). */
    public static final int DEAD_LETTER_SAMPLE = 100;

    /** An event that could not be sent: its manifest line, request type and why. */
    public record DeadLetter(long line, EventType eventType, String reason) {
    }

    public PushResult {
        batches = List.copyOf(batches);
        invocationIds = List.copyOf(invocationIds);
        deadLetters = List.copyOf(deadLetters);
    }

    /** True when every event was acknowledged: no failure and no dead letter. */
    public boolean complete() {
        return failure == null && deadLetterCount == 0;
    }

    /**
     * True when every event was either acknowledged or is a dead letter, so a checkpoint may
     * advance once the dead letters are safely on disk.
     */
    public boolean delivered() {
        return failure == null;
    }

    /** True when nothing needed sending: every batch was already acknowledged by an earlier run. */
    public boolean alreadyComplete() {
        return complete() && requestsSent == 0 && !batches.isEmpty();
    }

    public long compressedBytes() {
        return batches.stream().mapToLong(b -> Math.max(0, b.compressedBytes())).sum();
    }
}
