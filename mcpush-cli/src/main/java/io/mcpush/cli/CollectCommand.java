package io.mcpush.cli;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.model.WireEvent;
import io.mcpush.sdk.pipeline.PushPipeline;
import io.mcpush.source.EventStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "collect", mixinStandardHelpOptions = true, modelTransformer = SourceOptionsTransformer.class,
        description = {"Collect metadata, lineage or query logs from a source into a manifest (push it with: mcpush push).",
                "Events are streamed from the warehouse into the file; the manifest appears only when the collection "
                        + "is complete. Parts that cannot be read are warnings (--strict: exit 1)."},
        footer = {"", "Example:",
                "  mcpush collect metadata --source duckdb --database-file shop.duckdb --out metadata.jsonl"})
final class CollectCommand implements Callable<Integer> {
    @ParentCommand
    McpushCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FLOW", description = "metadata, lineage or query-logs")
    String flow;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The manifest to write (.gz for gzip).")
    Path out;

    @Option(names = "--resource-type", paramLabel = "TYPE",
            description = "Metadata and lineage: the Monte Carlo connection type to record (default: the source's).")
    String resourceType;

    @Option(names = "--log-type", paramLabel = "TYPE",
            description = "Query logs: the log_type to record (default: the source's own).")
    String logType;

    @Option(names = "--resource-uuid", paramLabel = "UUID",
            description = "Record this Monte Carlo resource UUID in the header (default: $MCD_RESOURCE_UUID, else none).")
    String resourceUuid;

    @Mixin
    SourceSelectionMixin selection;

    @Override
    public Integer call() {
        Flow f = SourceSession.parseFlow(flow);
        PrintWriter stdout = parent.out();
        PrintWriter err = parent.err();
        try (SourceSession session = SourceSession.open(parent.env(), spec, selection, f)) {
            String value = f == Flow.QUERY_LOGS
                    ? (logType != null ? logType : session.source.logType())
                    : (resourceType != null ? resourceType : session.factory.resourceType());
            String uuid = resourceUuid != null ? resourceUuid : parent.env().get(Environment.RESOURCE_UUID);
            err.printf("collecting %s from %s%s into %s%n", f.cliName(), session.source.identity(), session.windowText(),
                    out);
            err.flush();
            long events;
            try (EventStream<? extends WireEvent> stream = session.openStream()) {
                Progress progress = Progress.of(parent.env(), err, "collecting " + f.cliName(), "events");
                events = PushPipeline.collectOnly()
                        .events(session.source.identity().toString(), session.header(value, uuid, List.of()), () -> {
                            WireEvent e = stream.next();
                            if (e != null) {
                                progress.tick();
                            }
                            return e;
                        })
                        .tee(out, () -> session.header(value, uuid, session.report.warnings()))
                        .build().run().manifestEvents();
                progress.done();
            }
            List<String> warnings = session.report.warnings();
            for (String w : warnings) {
                stdout.println("warning: " + w);
            }
            stdout.printf(Locale.ROOT, "collected %s: %,d events in %s (%s)%s%n", f.manifestName(), events, out,
                    session.report.summary(), warnings.isEmpty() ? "" : ", " + PushRunner.plural(warnings.size(), "warning"));
            stdout.flush();
            if (!warnings.isEmpty() && selection.strict) {
                err.println("error: --strict: " + PushRunner.plural(warnings.size(), "warning") + " (see above)");
                err.flush();
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        }
    }
}
