package io.mcpush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mcpush.lineage.LineageQueryTableExtractor;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.graphql.GraphqlClient;
import io.mcpush.sdk.http.Endpoints;
import io.mcpush.sdk.graphql.MonteCarloApi;
import io.mcpush.sdk.graphql.QueryTableExtractor;
import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.ColumnLineageField;
import io.mcpush.sdk.model.ColumnLineageSourceField;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.push.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check through Monte Carlo's GraphQL API that what a manifest (or a push result) holds is visible:",
                "metadata: every table exists (full table id database:schema.table), its fields match by name and type, "
                        + "and its volume/freshness points exist;",
                "lineage: every table edge (getTableLineage, upstream) and column edge (getDerivedTablesPartialLineage, "
                        + "from the source side) is visible;",
                "query-logs: every fully qualified table the pushed queries read or write has aggregated queries.",
                "Prints one line per problem and a summary; exit 0 only when everything is visible."},
        footer = {"", "Credentials: MCD_ID and MCD_TOKEN (a GraphQL API key, not the ingestion key); "
                + "URL: --api-endpoint, else MCD_API_ENDPOINT, else " + "https://api.getmontecarlo.com/graphql.",
                "Monte Carlo shows metadata after minutes and query logs after 15-20 minutes or more: use --wait.",
                "Example:", "  mcpush validate metadata --result examples/metadata.jsonl.push.json --wait 10m"})
final class ValidateCommand implements Callable<Integer> {
    static final String API_ID = "MCD_ID";
    static final String API_TOKEN = "MCD_TOKEN";
    static final String API_ENDPOINT = "MCD_API_ENDPOINT";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand
    McpushCommand parent;

    @Parameters(index = "0", paramLabel = "FLOW", description = "metadata, lineage or query-logs")
    String flow;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "The manifest that was pushed.")
        Path manifest;

        @Option(names = "--result", required = true, paramLabel = "FILE",
                description = "The push result file (its manifest is validated; its resource UUID and start time are used).")
        Path result;
    }

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "0s", converter = Durations.class,
            description = "Poll with backoff until everything is visible or this long has passed (default: check once).")
    Duration wait;

    @Option(names = "--json", description = "Print a machine-readable report instead of text.")
    boolean json;

    @Option(names = "--resource-uuid", paramLabel = "UUID",
            description = "The warehouse (dwId) (default: $MCD_RESOURCE_UUID, else the result file, else the manifest header).")
    String resourceUuid;

    @Option(names = "--api-endpoint", paramLabel = "URL",
            description = "GraphQL URL (default: $MCD_API_ENDPOINT, else https://api.getmontecarlo.com/graphql).")
    URI apiEndpoint;

    /** First pause between polls; doubles up to {@link #MAX_POLL}. */
    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "1s", converter = Durations.class,
            hidden = true, description = "First pause between polls (doubles up to 60s).")
    Duration pollInterval;

    private static final Duration MAX_POLL = Duration.ofSeconds(60);

    /**
     * Validates a push result file as {@code validate FLOW --result FILE --wait WAIT} does (for
     * {@code push --validate} and {@code run --validate}); its exit code.
     */
    static int validateResult(McpushCommand parent, Flow flow, Path result, Duration wait, String resourceUuid) {
        ValidateCommand v = new ValidateCommand();
        v.parent = parent;
        v.flow = flow.cliName();
        v.input = new Input();
        v.input.result = result;
        v.wait = wait;
        v.resourceUuid = resourceUuid;
        v.pollInterval = Duration.ofSeconds(1);
        try {
            return v.call();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * How long {@code --validate} waits by default: Monte Carlo shows metadata and lineage within
     * minutes, query logs after 15-20 minutes.
     */
    static Duration defaultValidateWait(Flow flow) {
        return flow == Flow.QUERY_LOGS ? Duration.ofMinutes(30) : Duration.ofMinutes(10);
    }

    /** The GraphQL API from the environment: {@code MCD_ID}/{@code MCD_TOKEN}, endpoint flag or {@code MCD_API_ENDPOINT}. */
    static MonteCarloApi connect(Environment env, URI endpointFlag) {
        String id = env.get(API_ID);
        String token = env.get(API_TOKEN);
        if (id == null || token == null) {
            throw new UsageException("missing GraphQL API key: set " + API_ID + " and " + API_TOKEN
                    + " (a GraphQL API key from Settings -> API, not the ingestion key)");
        }
        URI endpoint = endpointFlag;
        if (endpoint == null && env.get(API_ENDPOINT) != null) {
            try {
                endpoint = URI.create(env.get(API_ENDPOINT));
            } catch (IllegalArgumentException e) {
                throw new UsageException(API_ENDPOINT + " is not a URL: " + e.getMessage());
            }
        }
        if (endpoint == null) {
            endpoint = GraphqlClient.DEFAULT_ENDPOINT;
        }
        try {
            Endpoints.requireSecure(endpoint, endpointFlag != null ? "--api-endpoint" : env.get(API_ENDPOINT) != null
                    ? API_ENDPOINT : "the GraphQL endpoint");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new MonteCarloApi(GraphqlClient.builder().endpoint(endpoint).key(id, new Secret(token)).build());
    }

    /** One visibility check: its problems now (empty when what it checks is visible). */
    private record Check(String kind, String item, Supplier<List<String>> run) {
    }

    /** A problem as reported. */
    private record Problem(String kind, String item, String message) {
    }

    @Override
    public Integer call() throws IOException {
        Flow f;
        try {
            f = Flow.parse(flow);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path manifest = input.manifest;
        String resultUuid = null;
        Instant pushedAt = null;
        List<Problem> pushProblems = new ArrayList<>();
        if (input.result != null) {
            JsonNode r = readResult(input.result);
            String manifestName = r.path("manifest").asText(null);
            if (manifestName == null) {
                throw new UsageException(input.result + ": the result names no manifest; use --manifest FILE");
            }
            manifest = Path.of(manifestName);
            if (!manifest.isAbsolute() && !Files.exists(manifest) && input.result.toAbsolutePath().getParent() != null) {
                manifest = input.result.toAbsolutePath().getParent().resolve(manifestName);
            }
            if (!f.manifestName().equals(r.path("flow").asText())) {
                throw new UsageException(input.result + " is the result of a " + r.path("flow").asText()
                        + " push, not " + f.manifestName());
            }
            resultUuid = r.path("resource_uuid").asText(null);
            if (r.path("started_at").isTextual()) {
                try {
                    pushedAt = Instant.parse(r.path("started_at").asText());
                } catch (RuntimeException ignored) {
                    pushedAt = null;
                }
            }
            if (!"complete".equals(r.path("status").asText())) {
                pushProblems.add(new Problem("push", input.result.toString(), "the push did not complete (status "
                        + r.path("status").asText("unknown") + "); push it again before validating"));
            }
        }

        Expectations expected = read(manifest, f);
        String dwId = firstNonNull(resourceUuid, parent.env().get(Environment.RESOURCE_UUID), resultUuid,
                expected.headerUuid);
        if (dwId == null) {
            throw new UsageException("no resource UUID: pass --resource-uuid, set " + Environment.RESOURCE_UUID
                    + ", or use a manifest whose header has resource_uuid");
        }
        MonteCarloApi api = connect(parent.env(), apiEndpoint);
        Instant since = pushedAt != null ? pushedAt.minus(Duration.ofHours(1)) : Instant.now().minus(Duration.ofDays(7));
        Checks checks = new Checks(api, dwId, since);
        List<Check> all = switch (f) {
            case METADATA -> checks.metadata(expected.assets);
            case LINEAGE -> checks.lineage(expected.lineage);
            case QUERY_LOGS -> checks.queryLogs(expected.queries, expected.logType, expected.notes);
        };

        long started = System.nanoTime();
        Instant deadline = Instant.now().plus(wait);
        Duration pause = pollInterval;
        List<Check> pending = all;
        Map<Check, List<String>> failing = new LinkedHashMap<>();
        int rounds = 0;
        PrintWriter err = parent.err();
        while (true) {
            rounds++;
            checks.newRound();
            failing.clear();
            for (Check c : pending) {
                List<String> problems = c.run().get();
                if (!problems.isEmpty()) {
                    failing.put(c, problems);
                }
            }
            pending = new ArrayList<>(failing.keySet());
            Duration left = Duration.between(Instant.now(), deadline);
            if (pending.isEmpty() || left.isNegative() || left.isZero()) {
                break;
            }
            Duration sleep = pause.compareTo(left) < 0 ? pause : left;
            err.printf("waiting: %d of %d items not visible yet; checking again in %s%n", pending.size(), all.size(),
                    human(sleep));
            err.flush();
            try {
                Thread.sleep(Math.max(1, sleep.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pause.multipliedBy(2);
        }

        List<Problem> problems = new ArrayList<>(pushProblems);
        failing.forEach((c, ps) -> ps.forEach(p -> problems.add(new Problem(c.kind(), c.item(), p))));
        int visible = all.size() - failing.size();
        boolean ok = problems.isEmpty();
        long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        PrintWriter out = parent.out();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("flow", f.manifestName());
            report.put("manifest", manifest.toString());
            report.put("resource_uuid", dwId);
            report.put("ok", ok);
            report.put("items", all.size());
            report.put("visible", visible);
            List<Map<String, String>> list = new ArrayList<>();
            for (Problem p : problems) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("check", p.kind());
                m.put("item", p.item());
                m.put("message", p.message());
                list.add(m);
            }
            report.put("problems", list);
            report.put("notes", expected.notes);
            report.put("rounds", rounds);
            report.put("elapsed_ms", elapsedMs);
            out.println(JSON.writeValueAsString(report));
        } else {
            for (Problem p : problems) {
                out.println("problem: " + p.message());
            }
            for (String n : expected.notes) {
                out.println("note: " + n);
            }
            out.printf("validate %s: %d of %d items visible in resource %s (%d check round%s, %s)%n", f.cliName(),
                    visible, all.size(), dwId, rounds, rounds == 1 ? "" : "s", human(Duration.ofMillis(elapsedMs)));
            out.println(ok ? "validation passed: everything is visible"
                    : "validation FAILED: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                            + (wait.isZero() && f == Flow.QUERY_LOGS ? " (query logs take 15-20 minutes or more; "
                                    + "try --wait 60m)" : wait.isZero() ? " (try --wait 10m)" : ""));
        }
        out.flush();
        return ok ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0) : (ms / 1000) + "s";
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static JsonNode readResult(Path file) {
        try {
            JsonNode r = JSON.readTree(file.toFile());
            if (r == null || !r.isObject()) {
                throw new UsageException(file + " is not a push result (a JSON object)");
            }
            return r;
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            throw new UsageException("result file " + file + " does not exist");
        } catch (IOException e) {
            throw new UsageException("cannot read result file " + file + ": " + e.getMessage());
        }
    }

    /** What the manifest says should be visible. */
    private static final class Expectations {
        String headerUuid;
        /** The dialect the pushed queries are read in. */
        String logType;
        final List<RelationalAsset> assets = new ArrayList<>();
        final List<LineageEvent> lineage = new ArrayList<>();
        final List<QueryLogEntry> queries = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
    }

    private static Expectations read(Path manifest, Flow flow) {
        if (!Files.exists(manifest)) {
            throw new UsageException("manifest " + manifest + " does not exist");
        }
        Expectations e = new Expectations();
        try (ManifestReader reader = ManifestReader.open(manifest, true)) {
            if (reader.header().flow() != flow) {
                throw new UsageException(manifest + " is a " + reader.header().flow().manifestName() + " manifest, not "
                        + flow.manifestName());
            }
            e.headerUuid = reader.header().resourceUuid();
            e.logType = reader.header().logType();
            ManifestEvent ev;
            while ((ev = reader.next()) != null) {
                switch (flow) {
                    case METADATA -> e.assets.add((RelationalAsset) ev.event());
                    case LINEAGE -> e.lineage.add((LineageEvent) ev.event());
                    case QUERY_LOGS -> e.queries.add((QueryLogEntry) ev.event());
                    default -> throw new IllegalStateException("unexpected flow " + flow);
                }
            }
        }
        return e;
    }

    /** The checks of each flow, with caches valid for one polling round (tables found stay found). */
    private static final class Checks {
        private final MonteCarloApi api;
        private final String dwId;
        private final Instant since;
        private final Map<String, MonteCarloApi.Table> tables = new HashMap<>();
        private final Map<String, Set<String>> upstream = new HashMap<>();
        private final Map<String, List<MonteCarloApi.DerivedTable>> derived = new HashMap<>();

        Checks(MonteCarloApi api, String dwId, Instant since) {
            this.api = api;
            this.dwId = dwId;
            this.since = since;
        }

        void newRound() {
            upstream.clear();
            derived.clear();
        }

        /** The table, or null while Monte Carlo does not know it (not cached, so a later round asks again). */
        MonteCarloApi.Table table(String fullTableId) {
            MonteCarloApi.Table t = tables.get(fullTableId);
            if (t == null) {
                t = api.getTable(fullTableId, dwId);
                if (t != null) {
                    tables.put(fullTableId, t);
                }
            }
            return t;
        }

        List<Check> metadata(List<RelationalAsset> assets) {
            List<Check> out = new ArrayList<>();
            for (RelationalAsset a : assets) {
                String id = MonteCarloApi.fullTableId(a.metadata().database(), a.metadata().schema(), a.metadata().name());
                out.add(new Check("table", id, () -> tableProblems(id, a)));
            }
            return out;
        }

        private List<String> tableProblems(String id, RelationalAsset a) {
            MonteCarloApi.Table t = table(id);
            if (t == null) {
                return List.of("table " + id + " not found");
            }
            // fields change with later pushes, so they are read again each round
            if (!a.fields().isEmpty()) {
                MonteCarloApi.Table fresh = api.getTableByMcon(t.mcon());
                t = fresh != null ? fresh : t;
            }
            List<String> problems = new ArrayList<>();
            Map<String, String> actual = new HashMap<>();
            t.fields().forEach(f -> actual.put(f.name().toLowerCase(Locale.ROOT), f.fieldType()));
            for (AssetField f : a.fields()) {
                String type = actual.get(f.name().toLowerCase(Locale.ROOT));
                if (!actual.containsKey(f.name().toLowerCase(Locale.ROOT))) {
                    problems.add(id + ": field " + f.name() + " not found");
                } else if (type == null || !normalType(type).equals(normalType(f.type()))) {
                    problems.add(id + ": field " + f.name() + " has type " + type + ", pushed " + f.type());
                }
            }
            Instant until = Instant.now().plus(Duration.ofHours(1));
            if (a.volume() != null && a.volume().rowCount() != null
                    && api.getMetrics(t.mcon(), MonteCarloApi.ROW_COUNT, since, until).isEmpty()) {
                problems.add(id + ": no row count (" + MonteCarloApi.ROW_COUNT + ") data point since " + since);
            }
            if (a.volume() != null && a.volume().byteCount() != null
                    && api.getMetrics(t.mcon(), MonteCarloApi.BYTE_COUNT, since, until).isEmpty()) {
                problems.add(id + ": no byte count (" + MonteCarloApi.BYTE_COUNT + ") data point since " + since);
            }
            if (a.freshness() != null && a.freshness().lastUpdateTime() != null
                    && api.getMetrics(t.mcon(), MonteCarloApi.LAST_CHANGED_ON, since, until).isEmpty()) {
                problems.add(id + ": no freshness (" + MonteCarloApi.LAST_CHANGED_ON + ") data point since " + since);
            }
            return problems;
        }

        private static String normalType(String type) {
            return type.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        }

        List<Check> lineage(List<LineageEvent> events) {
            Map<String, Check> out = new LinkedHashMap<>();
            for (LineageEvent e : events) {
                String dest = id(e.destination());
                Map<String, String> byAssetId = new HashMap<>();
                for (LineageAssetRef s : e.sources()) {
                    String src = id(s);
                    if (s.assetId() != null) {
                        byAssetId.put(s.assetId(), src);
                    }
                    String item = src + " -> " + dest;
                    out.putIfAbsent("t|" + item, new Check("table_edge", item, () -> tableEdgeProblems(src, dest)));
                }
                for (ColumnLineageField f : e.fields()) {
                    for (ColumnLineageSourceField sf : f.sourceFields()) {
                        String src = byAssetId.get(sf.assetId());
                        if (src == null) {
                            continue;
                        }
                        String item = src + "." + sf.fieldName() + " -> " + dest + "." + f.name();
                        out.putIfAbsent("c|" + item.toLowerCase(Locale.ROOT), new Check("column_edge", item,
                                () -> columnEdgeProblems(src, sf.fieldName(), dest, f.name())));
                    }
                }
            }
            return new ArrayList<>(out.values());
        }

        private static String id(LineageAssetRef r) {
            return MonteCarloApi.fullTableId(r.database(), r.schema(), r.name());
        }

        private List<String> tableEdgeProblems(String src, String dest) {
            MonteCarloApi.Table d = table(dest);
            MonteCarloApi.Table s = table(src);
            if (d == null || s == null) {
                return List.of("table edge " + src + " -> " + dest + ": table " + (d == null ? dest : src) + " not found");
            }
            Set<String> up = upstream.computeIfAbsent(d.mcon(), m -> api.getTableLineage(m, "upstream", 1).connectedMcons());
            return up.contains(s.mcon()) ? List.of()
                    : List.of("table edge " + src + " -> " + dest + " not visible (" + src + " is not upstream of " + dest + ")");
        }

        private List<String> columnEdgeProblems(String src, String srcColumn, String dest, String destColumn) {
            String what = "column edge " + src + "." + srcColumn + " -> " + dest + "." + destColumn;
            MonteCarloApi.Table d = table(dest);
            MonteCarloApi.Table s = table(src);
            if (d == null || s == null) {
                return List.of(what + ": table " + (d == null ? dest : src) + " not found");
            }
            List<MonteCarloApi.DerivedTable> downstream = derived.computeIfAbsent(
                    s.mcon() + "|" + srcColumn.toLowerCase(Locale.ROOT),
                    k -> api.getDerivedTablesPartialLineage(s.mcon(), srcColumn));
            boolean found = downstream.stream().anyMatch(t -> t.mcon().equals(d.mcon())
                    && t.columns().stream().anyMatch(c -> c.equalsIgnoreCase(destColumn)));
            return found ? List.of() : List.of(what + " not visible (column lineage expires 10 days after its push)");
        }

        List<Check> queryLogs(List<QueryLogEntry> queries, String logType, List<String> notes) {
            QueryTableExtractor extractor = LineageQueryTableExtractor.forLogType(logType);
            Map<String, Set<String>> byType = new LinkedHashMap<>();
            Set<String> unqualified = new LinkedHashSet<>();
            Instant first = null;
            Instant last = null;
            int failed = 0;
            for (QueryLogEntry q : queries) {
                if (q.errorCode() != null || q.errorText() != null) {
                    failed++; // a failed query touched no table (its table may not even exist)
                    continue;
                }
                first = first == null || q.startTime().isBefore(first) ? q.startTime() : first;
                last = last == null || q.endTime().isAfter(last) ? q.endTime() : last;
                QueryTableExtractor.TableNames names = extractor.tables(q.queryText());
                for (String n : names.reads()) {
                    add(byType, unqualified, n, "read");
                }
                for (String n : names.writes()) {
                    add(byType, unqualified, n, "write");
                }
            }
            if (failed > 0) {
                notes.add(failed + " failed quer" + (failed == 1 ? "y was" : "ies were")
                        + " not checked (a failed query reads and writes nothing)");
            }
            if (!unqualified.isEmpty()) {
                notes.add(unqualified.size() + " table name(s) in the queries are not database.schema.table and were "
                        + "not checked: " + String.join(", ", unqualified.stream().limit(10).toList())
                        + (unqualified.size() > 10 ? ", ..." : ""));
            }
            List<Check> out = new ArrayList<>();
            if (first == null) {
                return out;
            }
            Instant from = first.minus(Duration.ofHours(1));
            Instant to = last.plus(Duration.ofHours(1));
            byType.forEach((id, types) -> {
                for (String type : types) {
                    out.add(new Check("aggregated_queries", id + " (" + type + ")", () -> {
                        MonteCarloApi.Table t = table(id);
                        if (t == null) {
                            return List.of("table " + id + " (" + type + " by the pushed queries) not found");
                        }
                        long count = api.getAggregatedQueries(t.mcon(), type, from, to).stream()
                                .mapToLong(MonteCarloApi.AggregatedQuery::queryCount).sum();
                        return count > 0 ? List.of() : List.of(id + ": no aggregated " + type + " queries between "
                                + from + " and " + to + " yet");
                    }));
                }
            });
            return out;
        }

        private static void add(Map<String, Set<String>> byType, Set<String> unqualified, String name, String type) {
            String[] parts = name.split("\\.");
            if (parts.length != 3) {
                unqualified.add(name);
                return;
            }
            byType.computeIfAbsent(MonteCarloApi.fullTableId(parts[0], parts[1], parts[2]), k -> new LinkedHashSet<>())
                    .add(type);
        }
    }
}
