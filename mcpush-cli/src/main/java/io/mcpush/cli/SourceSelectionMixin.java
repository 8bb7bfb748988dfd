package io.mcpush.cli;

import io.mcpush.source.WatermarkStore;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of every command that collects from a source (collect, run). */
final class SourceSelectionMixin {
    @Option(names = "--source", required = true, paramLabel = "NAME",
            description = "The source type, e.g. duckdb (list them: mcpush sources).")
    String source;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where watermarks are kept (default: ~/.mcpush/state).")
    Path stateDir;

    @Option(names = "--lookback", paramLabel = "DURATION", defaultValue = "24h", converter = Durations.class,
            description = "Query logs: how far back the first collection of a source reaches (default: ${DEFAULT-VALUE}).")
    Duration lookback;

    @Option(names = "--lag", paramLabel = "DURATION", converter = Durations.class,
            description = "Query logs: end the window this long before now, for history that arrives late "
                    + "(default: the source's).")
    Duration lag;

    @Option(names = "--strict", description = "Exit 1 when anything could not be collected (a warning).")
    boolean strict;

    WatermarkStore watermarks() {
        return new WatermarkStore(stateDir != null ? stateDir : WatermarkStore.defaultDir());
    }
}
