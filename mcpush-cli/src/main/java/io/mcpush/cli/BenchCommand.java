package io.mcpush.cli;

import io.mcpush.sdk.EventType;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.McpushException;
import io.mcpush.sdk.json.PyJsonWriter;
import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.manifest.ManifestWriter;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.AssetFreshness;
import io.mcpush.sdk.model.AssetMetadata;
import io.mcpush.sdk.model.AssetVolume;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.model.Tag;
import io.mcpush.sdk.push.EventSource;
import io.mcpush.sdk.push.IngestionClient;
import io.mcpush.sdk.push.PushListener;
import io.mcpush.sdk.push.PushOptions;
import io.mcpush.sdk.push.PushResult;
import io.mcpush.sdk.push.PushResultFile;
import io.mcpush.sdk.push.PushTarget;
import io.mcpush.sdk.push.Pusher;
import io.mcpush.sdk.push.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.zip.Deflater;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure push throughput and memory: generate N synthetic assets (20 fields with descriptions) "
                + "and N query-log entries, push them to an emulator in a separate JVM and print events/s, requests, "
                + "compressed MB, CPU time and peak heap, beside the time gzip alone takes on the same request bodies.",
                "Run it with a heap cap to prove bounded memory, e.g. JAVA_OPTS=-Xmx256m ./mcpush bench --assets 1000000"})
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    McpushCommand parent;

    @Option(names = "--assets", paramLabel = "N", defaultValue = "100000", description = "Metadata assets (default: ${DEFAULT-VALUE}).")
    long assets;

    @Option(names = "--query-logs", paramLabel = "N", defaultValue = "100000", description = "Query-log entries (default: ${DEFAULT-VALUE}).")
    long queryLogs;

    @Option(names = "--fields", paramLabel = "N", defaultValue = "20", description = "Fields per asset (default: ${DEFAULT-VALUE}).")
    int fields;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the manifests go (default: a temporary directory, deleted after).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = parent.out();
        boolean temporary = workDir == null;
        Path dir = temporary ? Files.createTempDirectory("mcpush-bench-") : Files.createDirectories(workDir);
        HeapSampler heap = new HeapSampler();
        heap.start();
        String token = "bench-" + System.nanoTime();
        List<String[]> rows = new ArrayList<>();
        // the emulator runs in its own JVM so that the figures (CPU, heap) are the pusher's alone
        Process emulator = startEmulator(token);
        try {
            URI endpoint = readEndpoint(emulator);
            IngestionClient client = IngestionClient.builder().endpoint(endpoint)
                    .key("bench", new Secret(token)).build();
            out.printf("mcpush bench: %,d assets x %d fields, %,d query logs, concurrency %d, max heap %s, "
                    + "emulator in a separate JVM at %s%n", assets, fields, queryLogs, concurrency,
                    mb(Runtime.getRuntime().maxMemory()), endpoint);
            out.flush();
            if (assets > 0) {
                Path m = dir.resolve("bench-metadata.jsonl");
                generateAssets(m);
                rows.add(run(client, Flow.METADATA, m, "snowflake", heap));
            }
            if (queryLogs > 0) {
                Path q = dir.resolve("bench-query-logs.jsonl");
                generateQueryLogs(q);
                rows.add(run(client, Flow.QUERY_LOGS, q, "snowflake", heap));
            }
        } finally {
            emulator.destroy();
            emulator.waitFor();
            heap.stop();
            if (temporary) {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        }
        out.printf("%n%-10s %10s %8s %8s %7s %9s %11s %9s %12s %9s%n", "flow", "events", "requests", "gzip MB",
                "wall s", "events/s", "validate s", "push CPU s", "gzip-only s", "peak heap");
        for (String[] r : rows) {
            out.printf("%-10s %10s %8s %8s %7s %9s %11s %9s %12s %9s%n", (Object[]) r);
        }
        out.println("wall s: validation pass + sending, end to end; push CPU s: CPU time of this JVM meanwhile "
                + "(parsing twice, serialising, hashing, gzip, HTTP, GC); gzip-only s: gzip alone on the same request "
                + "bodies; peak heap: the most heap in use, sampled every 20 ms, garbage included");
        out.flush();
        return ExitCodes.OK;
    }

    private String[] run(IngestionClient client, Flow flow, Path manifest, String resourceValue, HeapSampler heap) {
        PushOptions options = PushOptions.defaults(flow).withConcurrency(concurrency);
        Path result = manifest.resolveSibling(manifest.getFileName() + ".push.json");
        System.gc();
        heap.reset();
        long[] validated = new long[1];
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        PushResult r = new Pusher(client, options).push(
                new PushTarget(flow, "00000000-0000-4000-8000-000000000000", resourceValue),
                EventSource.manifest(manifest, false), PushResultFile.ledgerFor(result), true, new PushListener() {
                    @Override
                    public void validated(long events) {
                        validated[0] = System.nanoTime();
                    }
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        long peak = heap.peakUsed;
        PushResultFile.write(result, r, manifest.toString());
        if (r.failure() != null) {
            throw r.failure();
        }
        double gzipSeconds = gzipOnly(flow, manifest, options.maxEvents());
        return new String[] {flow.manifestName(), String.format("%,d", r.events()),
                String.format("%,d", r.batches().size()), String.format("%.1f", r.compressedBytes() / 1e6),
                String.format("%.1f", seconds), String.format("%,.0f", r.events() / seconds),
                String.format("%.1f", (validated[0] - start) / 1e9), String.format("%.1f", cpu),
                String.format("%.1f", gzipSeconds), mb(peak)};
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static Process startEmulator(String token) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "emulator", "--port", "0", "--discard-bodies");
        pb.environment().put(Environment.INGEST_ID, "bench");
        pb.environment().put(Environment.INGEST_TOKEN, token);
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static URI readEndpoint(Process emulator) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(emulator.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            int at = line.indexOf("listening on ");
            if (at >= 0) {
                URI uri = URI.create(line.substring(at + "listening on ".length()).trim());
                Thread drain = new Thread(() -> {
                    try {
                        while (reader.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException ignored) {
                        // the emulator stopped
                    }
                }, "mcpush-bench-emulator-out");
                drain.setDaemon(true);
                drain.start();
                return uri;
            }
        }
        throw new McpushException("the benchmark emulator did not start");
    }

    /** Seconds gzip alone (default level, same as the pusher's) takes on the same request bodies. */
    private static double gzipOnly(Flow flow, Path manifest, int maxEvents) {
        EventType type = flow == Flow.METADATA ? EventType.METADATA : EventType.QUERY_LOG;
        PyJsonWriter w = new PyJsonWriter(1 << 20);
        long nanos = 0;
        byte[] scratch = new byte[1 << 16];
        try (ManifestReader reader = ManifestReader.open(manifest)) {
            ManifestEvent e;
            int n = 0;
            type.writePrefix(w, "u", "snowflake");
            while (true) {
                e = reader.next();
                if (e != null) {
                    if (n > 0) {
                        w.raw(", ");
                    }
                    type.writeEvent(w, e.event());
                    n++;
                }
                if ((e == null && n > 0) || n == maxEvents) {
                    EventType.writeSuffix(w);
                    long t0 = System.nanoTime();
                    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
                    d.setInput(w.buffer(), 0, w.size());
                    d.finish();
                    while (!d.finished()) {
                        d.deflate(scratch);
                    }
                    d.end();
                    nanos += System.nanoTime() - t0;
                    w.reset();
                    type.writePrefix(w, "u", "snowflake");
                    n = 0;
                }
                if (e == null) {
                    break;
                }
            }
        }
        return nanos / 1e9;
    }

    private void generateAssets(Path file) {
        Random random = new Random(7);
        String[] types = {"NUMBER(38,0)", "VARCHAR(256)", "TIMESTAMP_NTZ", "BOOLEAN", "FLOAT", "DATE", "VARIANT"};
        try (ManifestWriter w = new ManifestWriter(file, ManifestHeader.of(Flow.METADATA, "snowflake", null,
                "2026-11-25T00:00:00Z"))) {
            for (long i = 0; i < assets; i++) {
                List<AssetField> fs = new ArrayList<>(fields);
                for (int f = 0; f < fields; f++) {
                    fs.add(new AssetField("COLUMN_" + f + "_" + Long.toString(random.nextLong() & 0xffffff, 36),
                            types[random.nextInt(types.length)],
                            "Column " + f + " of table " + i + ": " + WORDS[random.nextInt(WORDS.length)] + " "
                                    + WORDS[random.nextInt(WORDS.length)] + " used by reporting"));
                }
                w.write(new RelationalAsset(i % 10 == 0 ? "VIEW" : "TABLE",
                        new AssetMetadata("TABLE_" + i, "ANALYTICS", "SCHEMA_" + (i % 200),
                                "Synthetic table " + i + " holding " + WORDS[random.nextInt(WORDS.length)] + " facts",
                                null, null),
                        List.of(new Tag("team", "data-" + (i % 17))), fs,
                        new AssetVolume(random.nextLong() & 0xffffffffL, random.nextLong() & 0xffffffffffL),
                        new AssetFreshness("2026-11-25T0" + (i % 10) + ":00:00Z")));
            }
        }
    }

    private void generateQueryLogs(Path file) {
        Random random = new Random(11);
        Instant base = Instant.parse("2026-11-25T00:00:00Z");
        try (ManifestWriter w = new ManifestWriter(file, ManifestHeader.of(Flow.QUERY_LOGS, "snowflake", null,
                "2026-11-25T00:00:00Z"))) {
            for (long i = 0; i < queryLogs; i++) {
                Instant start = base.plusMillis(i * 37);
                int t = random.nextInt(5000);
                String sql = "insert into ANALYTICS.MART.FACT_" + t + " select a.ID, a.AMOUNT * 1.2 as GROSS, b.NAME, "
                        + "c.REGION from ANALYTICS.RAW.EVENTS_" + random.nextInt(5000) + " a join ANALYTICS.RAW.DIM_"
                        + random.nextInt(500) + " b on b.ID = a.DIM_ID left join ANALYTICS.RAW.REGIONS c on c.CODE = "
                        + "b.REGION_CODE where a.LOADED_AT >= dateadd(hour, -1, current_timestamp()) and a.STATUS in "
                        + "('NEW', 'UPDATED') and b.ACTIVE -- run " + i;
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("warehouse_name", "TRANSFORM_WH");
                extra.put("bytes_scanned", random.nextInt(1 << 30));
                w.write(new QueryLogEntry(start, start.plusMillis(random.nextInt(60000)), sql,
                        "01b2-" + Long.toHexString(i), "ETL_USER_" + (i % 13), null, null,
                        (long) random.nextInt(100000), extra));
            }
        }
    }

    private static final String[] WORDS = {"order", "customer", "invoice", "shipment", "payment", "session",
            "campaign", "product", "inventory", "refund", "subscription", "ledger"};

    private static String mb(long bytes) {
        return String.format("%.0f MB", bytes / (1024.0 * 1024.0));
    }

    /** Samples heap use every 20 ms; also reads the pools' after-GC peaks. */
    private static final class HeapSampler {
        volatile long peakUsed;
        private volatile boolean running = true;
        private final Thread thread = new Thread(this::loop, "mcpush-bench-heap");

        void reset() {
            peakUsed = 0;
        }

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            while (running) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                if (used > peakUsed) {
                    peakUsed = used;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
