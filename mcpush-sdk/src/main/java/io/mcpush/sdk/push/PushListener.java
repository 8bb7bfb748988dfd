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

    /** A request will be retried after a failure. */
    default void batchSplit(int plannedBatch, int events) {
    }
}
