package io.mcpush.sdk.pipeline;

/**
 * Keeps the checkpoint of one source and flow (mcpush-source-api's {@code WatermarkStore} is the
 * file-based one the CLI uses). Implementations must make a commit durable before returning and
 * must never move a checkpoint backwards.
 */
public interface CheckpointStore {
    /** A store that keeps nothing. */
    CheckpointStore NONE = checkpoint -> "";

    /**
     * Commits {@code checkpoint}; called only after the push was delivered.
     *
     * @return one line saying what happened, for the user (e.g. "watermark advanced to ...")
     */
    String commit(Checkpoint checkpoint);
}
