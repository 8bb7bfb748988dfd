package io.mcpush.cli;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.manifest.ManifestHeader;
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
 * computed from its watermark, the stream opened, and the manifest header with the source's
 * identity, window and warnings.
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
        SourceFactory factory;
        try {
            factory = SourceRegistry.load(SourceSession.class.getClassLoader()).get(selection.source);
        } catch (SourceConfigException e) {
            throw new UsageException(e.getMessage());
        }
        if (!Capability.supports(factory.capabilities(), flow)) {
            throw new UsageException("source " + factory.type() + " cannot collect " + flow.cliName()
                    + " (it collects: " + factory.capabilities().stream().map(Capability::label).sorted()
                    .collect(Collectors.joining(", ")) + "; see: mcpush sources)");
        }
        Map<String, String> given = SourceOptionsTransformer.given(spec);
        if (given.containsKey("password")) {
            throw new UsageException("a password is never taken as a flag value: use --password-env VAR (the name of "
                    + "an environment variable) or --password-file FILE");
        }
        if (selection.stateDir != null && factory.options().stream().anyMatch(o -> o.name().equals("state-dir"))) {
            // sources that keep state of their own (PostgreSQL's modification counters) share --state-dir
            given = new java.util.LinkedHashMap<>(given);
            given.putIfAbsent("state-dir", selection.stateDir.toString());
        }
        Source source;
        try {
            source = factory.create(new SourceOptions(factory.type(), given, env::get));
        } catch (SourceConfigException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            WatermarkStore watermarks = selection.watermarks();
            QueryLogWindow window = null;
            if (source.windowed(flow)) {
                Duration lag = selection.lag != null ? selection.lag : factory.defaultLag();
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

    /** Opens the flow's stream; connection failures surface here, before anything is written or sent. */
    EventStream<? extends WireEvent> openStream() {
        return switch (flow) {
            case METADATA -> source.metadata(report);
            case LINEAGE -> source.lineage(window, report);
            case QUERY_LOGS -> window.isEmpty() ? EventStream.empty() : source.queryLogs(window, report);
        };
    }

    /** The manifest header; {@code resourceValue} is the resource_type, or the log_type for query logs. */
    ManifestHeader header(String resourceValue, String resourceUuid, List<String> warnings) {
        return new ManifestHeader(flow, flow == Flow.QUERY_LOGS ? null : resourceValue,
                flow == Flow.QUERY_LOGS ? resourceValue : null, resourceUuid, Timestamps.toWire(collectedAt),
                window == null ? null : window.startText(), window == null ? null : window.endText(),
                sourceObject(warnings));
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
        return window == null ? "" : " for " + window + (window.isEmpty() ? " (empty: the watermark is there already)" : "");
    }

    @Override
    public void close() {
        source.close();
    }
}
