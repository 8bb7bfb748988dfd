package io.mcpush.cli;

import io.mcpush.source.WatermarkStore;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of every command that collects from a source (collect, run). */
final class SourceSelectionMixin {
    @Option(names = "--source", required = true, paramLabel = "NAME",
            description = "A source named in --config, or a source type such as duckdb (list them: mcpush sources).")
    String source;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A YAML file naming sources and their options ($${VAR} is taken from the environment); "
                    + "flags override it. See the README, \"Config file\".")
    Path config;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where watermarks, log-file positions and sources' own state (e.g. PostgreSQL's modification "
                    + "counters) are kept (default: ~/.mcpush/state).")
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
