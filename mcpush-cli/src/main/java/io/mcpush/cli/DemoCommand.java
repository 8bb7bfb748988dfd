package io.mcpush.cli;

import io.mcpush.emulator.Emulator;
import io.mcpush.emulator.EmulatorConfig;
import io.mcpush.emulator.GraphqlKey;
import io.mcpush.emulator.IngestKey;
import io.mcpush.lineage.Dialect;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.manifest.ManifestWriter;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.LineageDeriver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole product offline in one command: build an embedded DuckDB warehouse modelled on a "
                + "small shop (raw tables, staging views, marts made by CTAS, INSERT ... SELECT and MERGE) while "
                + "recording its statements as query history, start the local Monte Carlo emulator, collect and push "
                + "metadata, lineage and query logs, print every invocation id, then validate through the "
                + "emulator's GraphQL API that everything pushed is visible.",
                "Needs nothing but Java 17."})
final class DemoCommand implements Callable<Integer> {
    /** The emulated warehouse's resource UUID (the same as the sample manifests in examples/). */
    static final String RESOURCE_UUID = "4f1c9b2e-6d7a-4e3b-9c21-0d5e8f7a6b10";
    /** DuckDB's query history has no Monte Carlo log_type: the demo names a supported one explicitly. */
    static final String QUERY_LOG_TYPE = "snowflake";
    private static final Pattern INVOCATION = Pattern.compile("^invocation_id (\\S+)", Pattern.MULTILINE);

    @ParentCommand
    McpushCommand parent;

    @Option(names = {"--keep", "--work-dir"}, paramLabel = "DIR",
            description = "Keep the warehouse, manifests and results in DIR (default: a new temporary directory).")
    Path workDir;

    @Override
    public Integer call() throws IOException, SQLException {
        PrintWriter out = parent.out();
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("mcpush-demo-");
        Path warehouse = dir.resolve("shop.duckdb");
        Files.deleteIfExists(warehouse);
        Files.deleteIfExists(dir.resolve("shop.duckdb.wal"));
        out.printf("mcpush demo, working in %s%n", dir);
        out.println("building the shop warehouse (DuckDB): raw tables, staging views, marts by CTAS, INSERT ... SELECT "
                + "and MERGE, recording each statement as query history");
        out.flush();
        List<QueryLogEntry> history = DemoWarehouse.build(warehouse);

        SecureRandom random = new SecureRandom();
        String ingestToken = secret(random);
        String apiToken = secret(random);
        EmulatorConfig config = EmulatorConfig.builder().port(0).key(new IngestKey("demo-ingest-key", ingestToken))
                .graphqlKey(new GraphqlKey("demo-api-key", apiToken)).build();
        try (Emulator emulator = Emulator.start(config)) {
            out.printf("local Monte Carlo emulator on %s (keys generated for this run)%n%n", emulator.baseUrl());
            out.flush();
            Map<String, String> env = new LinkedHashMap<>();
            env.put(Environment.INGEST_ID, "demo-ingest-key");
            env.put(Environment.INGEST_TOKEN, ingestToken);
            env.put(Environment.INGEST_ENDPOINT, emulator.baseUrl().toString());
            env.put(Environment.RESOURCE_UUID, RESOURCE_UUID);
            env.put(ValidateCommand.API_ID, "demo-api-key");
            env.put(ValidateCommand.API_TOKEN, apiToken);
            env.put(ValidateCommand.API_ENDPOINT, emulator.graphqlUrl().toString());

            Path metadata = dir.resolve("metadata.jsonl");
            Path lineage = dir.resolve("lineage.jsonl");
            Path queryLogs = dir.resolve("query-logs.jsonl");
            List<String[]> summary = new ArrayList<>();
            int exit = ExitCodes.OK;

            exit = worst(exit, step(env, summary, "metadata", "run", "metadata", "--source", "duckdb",
                    "--database-file", warehouse.toString(), "--out", metadata.toString(),
                    "--result", result(metadata).toString(), "--state-dir", dir.resolve("state").toString()));

            long events = writeLineage(metadata, lineage, history);
            out.printf("derived %d lineage events from the views and the recorded CTAS, INSERT and MERGE statements%n",
                    events);
            exit = worst(exit, step(env, summary, "lineage", "push", "lineage", "--manifest", lineage.toString()));

            writeQueryLogs(queryLogs, history);
            out.printf("DuckDB's query history has no Monte Carlo log_type: the demo pushes it with --log-type %s%n",
                    QUERY_LOG_TYPE);
            exit = worst(exit, step(env, summary, "query_logs", "push", "query-logs", "--manifest",
                    queryLogs.toString(), "--log-type", QUERY_LOG_TYPE));

            for (String[] flow : new String[][] {{"metadata", "metadata"}, {"lineage", "lineage"},
                    {"query-logs", "query_logs"}}) {
                Path file = switch (flow[0]) {
                    case "metadata" -> metadata;
                    case "lineage" -> lineage;
                    default -> queryLogs;
                };
                exit = worst(exit, step(env, null, null, "validate", flow[0], "--result", result(file).toString()));
            }

            out.println("Summary");
            out.printf("  %-11s %-9s %s%n", "flow", "requests", "invocation ids");
            for (String[] row : summary) {
                out.printf("  %-11s %-9s %s%n", row[0], row[1], row[2]);
            }
            out.printf("  Monte Carlo (the emulator) now holds %d requests with %d events for resource %s%n",
                    emulator.accepted().size(), emulator.acceptedEventCount(), RESOURCE_UUID);
            out.printf("  warehouse, manifests and results: %s%n", dir);
            out.println(exit == ExitCodes.OK ? "demo finished: every push was acknowledged and validated" : "demo FAILED");
            out.flush();
            return exit;
        }
    }

    private static String secret(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Path result(Path manifest) {
        return manifest.resolveSibling(manifest.getFileName() + ".push.json");
    }

    private static int worst(int a, int b) {
        return Math.max(a, b);
    }

    /** Runs one mcpush command in this JVM, shows its output indented, and collects its invocation ids. */
    private int step(Map<String, String> env, List<String[]> summary, String flow, String... args) {
        PrintWriter out = parent.out();
        out.println("== mcpush " + String.join(" ", args));
        out.flush();
        StringWriter captured = new StringWriter();
        StringWriter errors = new StringWriter();
        int code = McpushCommand.createCommandLine(env, new PrintWriter(captured, true), new PrintWriter(errors, true))
                .execute(args);
        out.print(captured.toString().indent(3));
        if (code != ExitCodes.OK) {
            out.print(errors.toString().indent(3));
        }
        out.println();
        out.flush();
        if (summary != null) {
            Matcher m = INVOCATION.matcher(captured.toString());
            List<String> ids = new ArrayList<>();
            while (m.find()) {
                ids.add(m.group(1));
            }
            summary.add(new String[] {flow, String.valueOf(ids.size()), String.join(", ", ids)});
        }
        return code;
    }

    /**
     * Lineage from what DuckDB itself knows (its views) and from the recorded history (the
     * statements that built the marts), through the same derivation every collector uses.
     */
    private static long writeLineage(Path metadata, Path lineage, List<QueryLogEntry> history) {
        LineageDeriver deriver = new LineageDeriver(Dialect.of("duckdb"), "main", new CollectionReport());
        List<RelationalAsset> views = new ArrayList<>();
        try (ManifestReader reader = ManifestReader.open(metadata)) {
            ManifestEvent e;
            while ((e = reader.next()) != null) {
                RelationalAsset asset = (RelationalAsset) e.event();
                deriver.learn(asset);
                if (RelationalAsset.VIEW.equals(asset.type())) {
                    views.add(asset);
                }
            }
        }
        views.forEach(deriver::addView);
        for (QueryLogEntry q : history) {
            deriver.addQuery(q.queryId(), q.queryText(), "shop", "main");
        }
        try (ManifestWriter writer = new ManifestWriter(lineage, new ManifestHeader(Flow.LINEAGE, "duckdb", null,
                RESOURCE_UUID, Timestamps.toWire(Instant.now()), null, null, Map.of("type", "demo")));
                EventStream<LineageEvent> stream = deriver.events()) {
            LineageEvent event;
            while ((event = stream.next()) != null) {
                writer.write(event);
            }
            return writer.events();
        }
    }

    private static void writeQueryLogs(Path file, List<QueryLogEntry> history) {
        Instant start = history.get(0).startTime();
        Instant end = history.get(history.size() - 1).endTime().plusMillis(1);
        try (ManifestWriter writer = new ManifestWriter(file, new ManifestHeader(Flow.QUERY_LOGS, null, "duckdb",
                RESOURCE_UUID, Timestamps.toWire(Instant.now()), Timestamps.toWire(start), Timestamps.toWire(end),
                Map.of("type", "demo")))) {
            history.forEach(writer::write);
        }
    }
}
