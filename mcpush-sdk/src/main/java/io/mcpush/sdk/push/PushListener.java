package io.mcpush.sdk.push;

/**
 * Progress callbacks from a push, called from the pusher's threads (implementations must be
 * thread-safe). All methods default to doing nothing.
 */
public interface PushListener {
    PushListener NONE = new PushListener() {
    };

    /** The validation pass finished: the push will send {@code events} events. */
    default void validated(long events) {
    }

    /** A request was acknowledged now or found acknowledged in the ledger. */
    default void batchDone(BatchRecord batch) {
    }

    /** A request of {@code events} events was refused with {@code status} (400 or 413) and is sent in halves. */
    default void batchSplit(int plannedBatch, int events, int status) {
    }

    /** An event can never be sent (too big alone, or refused alone): it goes to the dead letters. */
    default void deadLetter(long line, String reason) {
    }
}
