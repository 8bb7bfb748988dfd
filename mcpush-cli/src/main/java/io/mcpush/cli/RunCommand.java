package io.mcpush.cli;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.LogTypes;
import io.mcpush.sdk.McpushException;
import io.mcpush.sdk.model.WireEvent;
import io.mcpush.sdk.push.PushResultFile;
import io.mcpush.sdk.pipeline.PushHistory;
import io.mcpush.sdk.pipeline.PushPipeline;
import io.mcpush.source.EventStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, modelTransformer = SourceOptionsTransformer.class,
        description = {"Collect from a source and push to Monte Carlo in one stream (no manifest needed; --out also writes one).",
                "The warehouse is read once, straight into requests. Every invocation id is printed and the result file "
                        + "lists them; a complete push of query logs advances the source's watermark, so the next run "
                        + "starts where this one ended."},
        footer = {"", "Credentials: MCD_INGEST_ID and MCD_INGEST_TOKEN (an Ingestion-scope key), or --ingest-key-file.",
                "Example:",
                "  mcpush run metadata --source duckdb --database-file shop.duckdb --resource-uuid UUID"})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    McpushCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FLOW", description = "metadata, lineage or query-logs")
    String flow;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the events to this manifest (.gz for gzip).")
    Path out;

    @Option(names = "--result", paramLabel = "FILE",
            description = "Where to write the result (default: <out>.push.json, else <state-dir>/results/<source>-<flow>.push.json).")
    Path result;

    @Option(names = "--resource-type", paramLabel = "TYPE",
            description = "Metadata and lineage: the Monte Carlo connection type to push as (default: the source's).")
    String resourceType;

    @Option(names = "--log-type", paramLabel = "TYPE",
            description = "Query logs: push with this log_type; needed when Monte Carlo takes none of the source's own.")
    String logType;

    @Option(names = "--force",
            description = "Metadata: collect and push even when the last metadata push of this resource was under an "
                    + "hour ago (Monte Carlo's detectors aggregate hourly).")
    boolean force;

    @Option(names = "--prune",
            description = "Metadata: after a complete push, delete the push-ingested tables of the previous pushed "
                    + "collection that this one lacks (as mcpush tables prune --yes; needs MCD_ID/MCD_TOKEN). The "
                    + "previous collection is kept in the state directory.")
    boolean prune;

    @Option(names = "--max-delete", paramLabel = "PCT", defaultValue = "10",
            description = "With --prune: refuse to delete more than this percentage of the previous tables "
                    + "(default: ${DEFAULT-VALUE}).")
    double maxDelete;

    @Mixin
    SourceSelectionMixin selection;

    @Mixin
    PushOptionsMixin pushOptions;

    @Override
    public Integer call() {
        Flow f = SourceSession.parseFlow(flow);
        PrintWriter stdout = parent.out();
        PrintWriter err = parent.err();
        PushRunner runner = new PushRunner(parent.env(), stdout, err);
        try (SourceSession session = SourceSession.open(parent.env(), spec, selection, f)) {
            String value = resourceValue(session, f);
            PushRunner.Prepared prepared = runner.prepare(f, value, null, pushOptions);
            String uuid = prepared.target().resourceUuid();
            PushHistory history = PushRunner.history(selection.watermarks().dir());
            if (f == Flow.METADATA) {
                PushRunner.checkMetadataCadence(history, uuid, force);
            }
            if (prune && f != Flow.METADATA) {
                throw new UsageException("--prune goes with run metadata only");
            }
            if (prune && !(maxDelete >= 0 && maxDelete <= 100)) {
                throw new UsageException("--max-delete must be a percentage from 0 to 100, not " + maxDelete);
            }
            Path resultFile = result != null ? result
                    : out != null ? PushResultFile.defaultFor(out)
                    : selection.watermarks().dir().resolve("results")
                            .resolve(session.factory.type() + "-" + f.cliName() + ".push.json");
            java.time.Duration validateWait = pushOptions.validateWait(f);
            if (prune || validateWait != null) {
                ValidateCommand.connect(parent.env(), null); // the GraphQL key is needed: a usage error now, not later
            }
            Path baseline = history.fileFor(uuid, Flow.METADATA).resolveSibling("metadata-last-pushed.jsonl.gz");
            // validation and pruning read the manifest: without --out it is kept beside the result
            Path teeFile = out != null ? out : prune || validateWait != null
                    ? resultFile.resolveSibling(resultFile.getFileName().toString().replaceFirst("\\.push\\.json$", "")
                            + ".manifest.jsonl.gz")
                    : null;
            err.printf("collecting %s from %s%s%n", f.cliName(), session.source.identity(), session.windowText());
            err.flush();
            try (EventStream<? extends WireEvent> stream = session.openStream()) {
                PushPipeline.Builder pipeline = runner.pipeline(prepared)
                        .events(session.source.identity().toString(), session.header(value, uuid, List.of()),
                                stream::next)
                        .resultFile(resultFile)
                        // a collection is pushed anew each time: its ledger records this push, it does not skip batches
                        .again(true)
                        .checkpoint(session::checkpoint, session.watermarks.checkpoints(session.source.identity(), f))
                        .history(history, session.collectedAt)
                        .resultExtras(() -> extras(session));
                if (teeFile != null) {
                    pipeline.tee(teeFile, () -> session.header(value, uuid, session.report.warnings()));
                }
                PushRunner.Outcome outcome;
                try {
                    outcome = runner.run(prepared, pipeline, session.source.identity().toString());
                } catch (java.io.UncheckedIOException e) {
                    throw new McpushException(e.getMessage(), e);
                }
                List<String> warnings = session.report.warnings();
                int pruned = ExitCodes.OK;
                if (prune && outcome.result().push().complete()) {
                    pruned = prune(baseline, teeFile, uuid);
                }
                if (out != null) {
                    stdout.printf("manifest: %s (%,d events)%n", out, outcome.result().manifestEvents());
                    if (!outcome.delivered()) {
                        stdout.printf("the manifest is complete; send the rest with: mcpush push %s --manifest %s "
                                + "--result %s%n", f.cliName(), out, resultFile);
                    }
                }
                for (String w : warnings) {
                    stdout.println("warning: " + w);
                }
                stdout.printf(Locale.ROOT, "collected %s%s: %s%s%n", f.manifestName(), session.windowText(),
                        session.report.summary(),
                        warnings.isEmpty() ? "" : ", " + PushRunner.plural(warnings.size(), "warning"));
                stdout.flush();
                if (outcome.exitCode() == ExitCodes.OK && pruned != ExitCodes.OK) {
                    return pruned;
                }
                if (outcome.exitCode() == ExitCodes.OK && validateWait != null) {
                    int validated = ValidateCommand.validateResult(parent, f, resultFile, validateWait, uuid);
                    if (validated != ExitCodes.OK) {
                        return validated;
                    }
                }
                if (outcome.exitCode() == ExitCodes.OK && !warnings.isEmpty() && selection.strict) {
                    err.println("error: --strict: " + PushRunner.plural(warnings.size(), "warning") + " (see above)");
                    err.flush();
                    return ExitCodes.FAILURE;
                }
                return outcome.exitCode();
            }
        }
    }

    /**
     * After a complete metadata push: deletes the tables of the previous pushed collection
     * ({@code baseline}) that {@code current} lacks, then keeps {@code current} as the next
     * baseline. A refused prune (over --max-delete) keeps the old baseline, so that a broken
     * collection is never what the next one is compared with.
     */
    private int prune(Path baseline, Path current, String uuid) {
        PrintWriter err = parent.err();
        try {
            int exit = ExitCodes.OK;
            if (java.nio.file.Files.exists(baseline)) {
                exit = TablesCommand.prune(parent, null, TablesCommand.Snapshot.read(baseline),
                        TablesCommand.Snapshot.read(current), uuid, maxDelete, true);
            } else {
                parent.out().println("prune: no previous pushed collection of resource " + uuid + " yet; this one is "
                        + "kept to compare the next with");
                parent.out().flush();
            }
            java.nio.file.Files.copy(current, baseline, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return exit;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot keep " + current + " as " + baseline + ": " + e.getMessage(), e);
        }
    }

    private String resourceValue(SourceSession session, Flow f) {
        if (f != Flow.QUERY_LOGS) {
            return resourceType != null ? resourceType : session.factory.resourceType();
        }
        if (logType != null) {
            if (!LogTypes.isSupported(logType)) {
                throw new UsageException("--log-type '" + logType + "' is not accepted by Monte Carlo's query-log API "
                        + "(supported: " + String.join(", ", LogTypes.SUPPORTED) + ")");
            }
            return logType;
        }
        String own = session.source.logType();
        if (!LogTypes.isSupported(own)) {
            throw new UsageException("Monte Carlo's query-log API takes no " + own + " query logs: name a supported "
                    + "--log-type to push them anyway (supported: " + String.join(", ", LogTypes.SUPPORTED)
                    + "), or keep them in a manifest with: mcpush collect query-logs");
        }
        return own;
    }

    /** Source identity, window and warnings for the result file. */
    private static Map<String, Object> extras(SourceSession session) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", session.sourceObject(List.of()));
        if (session.window != null && session.window.isPositioned()) {
            io.mcpush.source.logfile.LogPositions reached = session.reachedPositions();
            if (reached != null) {
                m.put("positions", reached.toJson());
            }
        } else if (session.window != null) {
            m.put("window_start", session.window.startText());
            m.put("window_end", session.window.endText());
        }
        m.put("warnings", session.report.warnings());
        m.put("collected", session.report.counts());
        return m;
    }
}
