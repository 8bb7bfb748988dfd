package io.mcpush.sdk.pipeline;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * Where a collection ended, to be committed only once its push was delivered (every event
 * acknowledged, or safely in the dead letters), so that the next collection starts there: never
 * earlier (no query pushed twice), never later (none missed). Immutable.
 */
public sealed interface Checkpoint permits Checkpoint.None, Checkpoint.TimeWindow, Checkpoint.LogPositions {
    /** Nothing to commit (metadata, or a collection that is not incremental). */
    None NONE = new None();

    record None() implements Checkpoint {
    }

    /** A query-history collection covered {@code [start, end)}: the watermark moves to {@code end}. */
    record TimeWindow(Instant start, Instant end) implements Checkpoint {
        public TimeWindow {
            requireNonNull(start, "start is null");
            requireNonNull(end, "end is null");
        }
    }

    /**
     * A log-file collection read its files up to these positions ({@code {"files": [...]}} as
     * the manifest header holds them), in a collection made at {@code collectedAt}: a commit from
     * a collection older than the committed one is refused.
     */
    record LogPositions(Map<String, Object> positions, Instant collectedAt) implements Checkpoint {
        public LogPositions {
            positions = Map.copyOf(requireNonNull(positions, "positions is null"));
            requireNonNull(collectedAt, "collectedAt is null");
        }
    }
}
