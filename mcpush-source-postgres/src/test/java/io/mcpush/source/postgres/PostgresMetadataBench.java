package io.mcpush.source.postgres;

import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.Source;
import io.mcpush.source.SourceOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata benchmark (issue 3, section 5): for each N given, creates N tables of 10 columns
 * spread over 10 schemas in an embedded PostgreSQL, then times {@code collect metadata} through
 * the postgres source and prints tables/s, SQL round trips, statements, fetches and peak heap.
 * The first collection has no previous counters; the second merges with the first's (the
 * freshness path every later run takes).
 *
 * <p>Run: {@code mcpush-source-postgres/bench.sh 10000 100000} (add {@code -Xmx256m} through
 * {@code JAVA_OPTS} to prove flat memory).
 */
public final class PostgresMetadataBench {
    private static final int SCHEMAS = 10;
    private static final int PER_BLOCK = 1000;

    public static void main(String[] args) throws Exception {
        long[] sizes = args.length == 0 ? new long[] {10_000} : java.util.Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        Path dir = Files.createTempDirectory("mcpush-pg-bench-");
        try (EmbeddedServer server = EmbeddedServer.start(dir); CountingProxy proxy = new CountingProxy(server.postgres.getPort())) {
            System.out.printf("postgres metadata bench: %d schemas, 10 columns per table, fetch size 1000, max heap %d MB%n",
                    SCHEMAS, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("%9s %-8s %8s %9s %11s %10s %8s %10s %9s%n", "tables", "run", "wall s", "tables/s",
                    "round trips", "statements", "fetches", "columns", "peak heap");
            for (long n : sizes) {
                String db = "bench_" + n;
                long t0 = System.nanoTime();
                create(server, db, n);
                double createSeconds = (System.nanoTime() - t0) / 1e9;
                Map<String, String> o = new LinkedHashMap<>();
                o.put("jdbc-url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db
                        + "?sslmode=disable&gssEncMode=disable");
                o.put("user", "postgres");
                o.put("state-dir", dir.resolve("state").toString());
                if (Boolean.getBoolean("bench.explain")) {
                    explain(server, db);
                }
                for (String run : new String[] {"first", "second"}) {
                    collect(o, proxy, n, run);
                }
                System.out.printf("          (creating %,d tables took %.0f s)%n", n, createSeconds);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void collect(Map<String, String> options, CountingProxy proxy, long n, String run) throws Exception {
        System.gc();
        HeapPeak heap = new HeapPeak();
        proxy.reset();
        long start = System.nanoTime();
        long tables = 0;
        CollectionReport report = new CollectionReport();
        try (Source s = new PostgresSourceFactory().create(SourceOptions.of("postgres", options));
                EventStream<RelationalAsset> stream = s.metadata(report)) {
            while (stream.next() != null) {
                tables++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        heap.stop();
        if (tables != n || !report.warnings().isEmpty()) {
            throw new IllegalStateException("collected " + tables + " of " + n + " tables; warnings " + report.warnings());
        }
        System.out.printf("%,9d %-8s %8.1f %,9.0f %,11d %,10d %,8d %,10d %6d MB%n", n, run, seconds, tables / seconds,
                proxy.roundTrips.get(), proxy.statements.get(), proxy.fetches(), report.get("columns"), heap.peak >> 20);
    }

    private static void create(EmbeddedServer server, String db, long n) throws Exception {
        server.execute("postgres", "CREATE DATABASE " + db);
        try (Connection c = server.connect(db); Statement s = c.createStatement()) {
            for (int i = 0; i < SCHEMAS; i++) {
                s.execute("CREATE SCHEMA s" + i);
            }
            for (long from = 0; from < n; from += PER_BLOCK) {
                long to = Math.min(n, from + PER_BLOCK);
                s.execute("DO $$ BEGIN FOR i IN " + from + ".." + (to - 1) + " LOOP EXECUTE format("
                        + "'CREATE TABLE s%s.t%s (id bigint, name text, amount numeric(12,2), created timestamptz, "
                        + "flag boolean, code varchar(16), qty integer, ratio double precision, day date, doc jsonb)', "
                        + "i % " + SCHEMAS + ", i); END LOOP; END $$");
            }
        }
    }

    /** With -Dbench.explain=true: where the server spends its time (EXPLAIN ANALYZE of the counter query and one schema's). */
    private static void explain(EmbeddedServer server, String db) throws Exception {
        java.lang.reflect.Field f = PostgresSource.class.getDeclaredField("WITH_COLUMNS");
        f.setAccessible(true);
        String relations = ((String) f.get(null)).replace("n.nspname = ?", "n.nspname = 's0'").replace("(? OR", "(false OR");
        for (String q : new String[] {PostgresSource.COUNTERS, relations}) {
            try (Connection c = server.connect(db); Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, TIMING OFF) " + q)) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (line.contains("Time")) {
                        System.out.println("   " + line);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Samples heap in use every 10 ms, garbage included. */
    private static final class HeapPeak {
        volatile long peak;
        private volatile boolean running = true;
        private final Thread thread = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-peak");

        HeapPeak() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
