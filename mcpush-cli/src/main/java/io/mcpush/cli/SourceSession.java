package io.mcpush.cli;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.pipeline.Checkpoint;
import io.mcpush.sdk.model.WireEvent;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.Source;
import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.SourceRegistry;
import io.mcpush.source.WatermarkStore;
import io.mcpush.source.logfile.LogPositions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One collection as {@code collect} and {@code run} do it: the source chosen and created from
 * the options given (problems with them are usage errors, exit 2), the window of a windowed flow
 * computed from its watermark (or, for a log-file source, its committed log positions), the
 * stream opened, and the manifest header with the source's identity, window (or reached
 * positions) and warnings.
 */
final class SourceSession implements AutoCloseable {
    final SourceFactory factory;
    final Source source;
    final Flow flow;
    final WatermarkStore watermarks;
    /** Null for flows without a window. */
    final QueryLogWindow window;
    final CollectionReport report = new CollectionReport();
    final Instant collectedAt = Instant.now();

    private SourceSession(SourceFactory factory, Source source, Flow flow, WatermarkStore watermarks,
            QueryLogWindow window) {
        this.factory = factory;
        this.source = source;
        this.flow = flow;
        this.watermarks = watermarks;
        this.window = window;
    }

    static Flow parseFlow(String text) {
        try {
            return Flow.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static SourceSession open(Environment env, CommandSpec spec, SourceSelectionMixin selection, Flow flow) {
        SourceRegistry registry = SourceRegistry.load(SourceSession.class.getClassLoader());
        ConfigFile.SourceEntry configured = configured(env, selection, registry);
        SourceFactory factory;
        try {
            factory = registry.get(configured != null ? configured.type() : selection.source);
        } catch (SourceConfigException e) {
            throw new UsageException((configured != null ? selection.config + ": sources." + configured.name()
                    + ".type: " : "") + e.getMessage());
        }
        if (!Capability.supports(factory.capabilities(), flow)) {
            throw new UsageException("source " + factory.type() + " cannot collect " + flow.cliName()
                    + " (it collects: " + factory.capabilities().stream().map(Capability::label).sorted()
                    .collect(Collectors.joining(", ")) + "; see: mcpush sources)");
        }
        Map<String, String> flags = SourceOptionsTransformer.given(spec);
        if (flags.containsKey("password")) {
            throw new UsageException("a password is never taken as a flag value: use --password-env VAR (the name of "
                    + "an environment variable) or --password-file FILE");
        }
        Map<String, String> given = merge(configured, flags);
        Source source;
        try {
            source = factory.create(new SourceOptions(factory.type(), given, env::get, selection.stateDir));
        } catch (SourceConfigException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            WatermarkStore watermarks = selection.watermarks();
            QueryLogWindow window = null;
            if (source.windowed(flow) && source.positioned(flow)) {
                // a log-file source: everything after the committed positions, whatever its timestamps
                window = QueryLogWindow.after(watermarks.readPositions(source.identity(), flow));
            } else if (source.windowed(flow)) {
                Duration lag = selection.lag != null ? selection.lag : factory.defaultLag(flow);
                if (lag.isNegative() || selection.lookback.isNegative() || selection.lookback.isZero()) {
                    throw new UsageException("--lag must not be negative and --lookback must be positive");
                }
                window = QueryLogWindow.next(watermarks.read(source.identity(), flow), lag, selection.lookback,
                        Instant.now());
            }
            return new SourceSession(factory, source, flow, watermarks, window);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** The config file's entry that {@code --source} names, or null (no config, or a source type not in it). */
    private static ConfigFile.SourceEntry configured(Environment env, SourceSelectionMixin selection,
            SourceRegistry registry) {
        if (selection.config == null) {
            return null;
        }
        ConfigFile config = ConfigFile.read(selection.config, env::get);
        ConfigFile.SourceEntry entry = config.source(selection.source);
        if (entry == null && registry.all().stream().noneMatch(f -> f.type().equals(selection.source))) {
            throw new UsageException("--source " + selection.source + ": neither a source of " + selection.config
                    + " (it names: " + String.join(", ", config.sources().keySet()) + ") nor a source type (see: "
                    + "mcpush sources)");
        }
        return entry;
    }

    /**
     * The config file's options with the flags on top. A flag naming one way to a secret
     * ({@code --password-file}) also replaces the config's other way ({@code password-env}).
     */
    static Map<String, String> merge(ConfigFile.SourceEntry configured, Map<String, String> flags) {
        Map<String, String> merged = new LinkedHashMap<>(configured == null ? Map.of() : configured.options());
        for (String key : flags.keySet()) {
            for (String suffix : List.of("-env", "-file")) {
                if (key.endsWith(suffix)) {
                    String stem = key.substring(0, key.length() - suffix.length());
                    merged.remove(stem + "-env");
                    merged.remove(stem + "-file");
                }
            }
        }
        merged.putAll(flags);
        return merged;
    }

    /** Opens the flow's stream; connection failures surface here, before anything is written or sent. */
    EventStream<? extends WireEvent> openStream() {
        try {
            return switch (flow) {
                case METADATA -> source.metadata(report);
                case LINEAGE -> source.lineage(window, report);
                case QUERY_LOGS -> window.isEmpty() ? EventStream.empty() : source.queryLogs(window, report);
            };
        } catch (SourceConfigException e) {
            throw new UsageException(e.getMessage()); // an option the flow needs (e.g. --log-file) is missing
        }
    }

    /**
     * The manifest header; {@code resourceValue} is the resource_type, or the log_type for query
     * logs. A log-file source's header carries the positions it reached once its stream ended.
     */
    ManifestHeader header(String resourceValue, String resourceUuid, List<String> warnings) {
        LogPositions reached = reachedPositions();
        return new ManifestHeader(flow, flow == Flow.QUERY_LOGS ? null : resourceValue,
                flow == Flow.QUERY_LOGS ? resourceValue : null, resourceUuid, Timestamps.toWire(collectedAt),
                window == null ? null : window.startText(), window == null ? null : window.endText(),
                sourceObject(warnings), reached == null ? null : reached.toJson());
    }

    /**
     * What a delivered push of this collection commits: the log positions reached (once the
     * stream ended), the time window, or nothing (metadata, or an empty window).
     */
    Checkpoint checkpoint() {
        if (window == null) {
            return Checkpoint.NONE;
        }
        if (window.isPositioned()) {
            LogPositions reached = reachedPositions();
            return reached == null ? Checkpoint.NONE : new Checkpoint.LogPositions(reached.toJson(), collectedAt);
        }
        return window.isEmpty() ? Checkpoint.NONE : new Checkpoint.TimeWindow(window.start(), window.end());
    }

    /** The positions a log-file source reached (null for other windows, or before its stream ended). */
    LogPositions reachedPositions() {
        return window != null && window.isPositioned() ? report.reachedPositions() : null;
    }

    /** The header's (and result file's) {@code source}: type, id and the warnings when there are any. */
    Map<String, Object> sourceObject(List<String> warnings) {
        Map<String, Object> m = new LinkedHashMap<>(source.identity().toHeader());
        if (warnings != null && !warnings.isEmpty()) {
            m.put("warnings", new ArrayList<>(warnings));
        }
        return m;
    }

    /** What a summary line says about the window. */
    String windowText() {
        if (window != null && window.isPositioned()) {
            return " (" + window + ")";
        }
        return window == null ? "" : " for " + window + (window.isEmpty() ? " (empty: the watermark is there already)" : "");
    }

    @Override
    public void close() {
        source.close();
    }
}
