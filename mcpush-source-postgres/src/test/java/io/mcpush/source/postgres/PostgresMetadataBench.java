package io.mcpush.source.postgres;

import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.Source;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
 * {@code JAVA_OPTS} to prove flat memory). The machine is often shared, so besides wall time it
 * prints CPU seconds: the server's (every PostgreSQL process, from /proc: backends that exited are
 * in the postmaster's children time), the collecting thread's and the whole JVM's (proxy, GC and
 * JIT included), and the 1-minute load average at the start and end of each collection.
 * System properties: {@code -Dbench.datadir=DIR} keeps the server's data in DIR and reuses the
 * databases already created there; {@code -Dbench.fetchSize=N} sets {@code fetch-size};
 * {@code -Dbench.options=k=v,k=v} adds source options; {@code -Dbench.runs=first} collects once;
 * {@code -Dbench.touch=true} first writes a row into every table (every size is then measured);
 * {@code -Dbench.explain=true} prints the
 * server time of the counter query and of one schema's query.
 */
public final class PostgresMetadataBench {
    private static final int SCHEMAS = 10;
    private static final int PER_BLOCK = 1000;

    public static void main(String[] args) throws Exception {
        long[] sizes = args.length == 0 ? new long[] {10_000} : java.util.Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        String keep = System.getProperty("bench.datadir");
        Path dir = keep == null ? Files.createTempDirectory("mcpush-pg-bench-") : Files.createDirectories(Path.of(keep));
        String fetchSize = System.getProperty("bench.fetchSize", "1000");
        try (EmbeddedPostgres server = start(dir); CountingProxy proxy = new CountingProxy(server.getPort())) {
            Path pgData = Path.of(query(server, "postgres", "SHOW data_directory"));
            System.out.printf("postgres metadata bench: %d schemas, 10 columns per table, fetch size %s, max heap %d MB,"
                    + " %d cores%n", SCHEMAS, fetchSize, Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("%9s %-8s %8s %9s %11s %10s %8s %10s %9s %9s %9s %11s %9s %9s %11s%n", "tables", "run", "wall s",
                    "tables/s", "round trips", "statements", "fetches", "columns", "peak heap", "server s", "backend s",
                    "backend mem", "thread s", "jvm s", "load 1m");
            for (long n : sizes) {
                String db = "bench_" + n;
                long t0 = System.nanoTime();
                boolean created = create(server, db, n);
                double createSeconds = (System.nanoTime() - t0) / 1e9;
                Map<String, String> o = new LinkedHashMap<>();
                o.put("jdbc-url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db
                        + "?sslmode=disable&gssEncMode=disable");
                o.put("user", "postgres");
                o.put("state-dir", Files.createTempDirectory("mcpush-pg-bench-state-").toString());
                o.put("fetch-size", fetchSize);
                for (String kv : System.getProperty("bench.options", "").split(",")) {
                    if (!kv.isBlank()) {
                        o.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                }
                if (Boolean.getBoolean("bench.touch")) {
                    touch(server, db, n);
                }
                if (Boolean.getBoolean("bench.explain")) {
                    explain(server, db);
                }
                try {
                    for (String run : System.getProperty("bench.runs", "first,second").split(",")) {
                        collect(o, proxy, pgData, n, run);
                    }
                } finally {
                    deleteTree(Path.of(o.get("state-dir")));
                }
                if (created) {
                    System.out.printf("          (creating %,d tables took %.0f s)%n", n, createSeconds);
                }
            }
        } finally {
            if (keep == null) {
                deleteTree(dir);
            }
        }
    }

    /** Like EmbeddedServer, but with the data kept in {@code dir} (reused when it holds a cluster already). */
    private static EmbeddedPostgres start(Path dir) throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pgdata"))
                .setCleanDataDirectory(System.getProperty("bench.datadir") == null)
                .setServerConfig("max_locks_per_transaction", "256")
                .start();
    }

    private static String query(EmbeddedPostgres server, String db, String sql) throws Exception {
        try (Connection c = server.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void collect(Map<String, String> options, CountingProxy proxy, Path pgData, long n, String run)
            throws Exception {
        System.gc();
        String postmaster = Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim();
        HeapPeak heap = new HeapPeak(postmaster, " bench_" + n + " ");
        proxy.reset();
        double load0 = load();
        long server0 = serverCpuTicks(pgData);
        long thread0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long jvm0 = jvmCpu();
        long start = System.nanoTime();
        long tables = 0;
        CollectionReport report = new CollectionReport();
        try (Source s = new PostgresSourceFactory().create(PostgresSourceIT.sourceOptions(options, System::getenv));
                EventStream<RelationalAsset> stream = s.metadata(report)) {
            while (stream.next() != null) {
                tables++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double thread = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - thread0) / 1e9;
        double jvm = (jvmCpu() - jvm0) / 1e9;
        Thread.sleep(200); // the backend exits after the source closed its connection
        double server = (serverCpuTicks(pgData) - server0) / (double) CLOCK_TICKS;
        double load1 = load();
        heap.stop();
        if (tables != n || !report.warnings().isEmpty()) {
            throw new IllegalStateException("collected " + tables + " of " + n + " tables; warnings " + report.warnings());
        }
        System.out.printf("%,9d %-8s %8.1f %,9.0f %,11d %,10d %,8d %,10d %6d MB %9.1f %9.1f %8d MB %9.1f %9.1f %5.1f→%-5.1f%n",
                n, run, seconds, tables / seconds, proxy.roundTrips.get(), proxy.statements.get(), proxy.fetches(),
                report.get("columns"), heap.peak >> 20, server, heap.backendTicks() / (double) CLOCK_TICKS,
                heap.backendAnonPeak >> 20, thread, jvm,
                load0, load1);
    }

    /** USER_HZ of /proc/PID/stat times (100 on Linux). */
    private static final long CLOCK_TICKS = 100;

    private static double load() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static long jvmCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU time of the whole server in clock ticks: the postmaster's own and its reaped children's
     * (backends that exited) plus every live child's. Linux only.
     */
    private static long serverCpuTicks(Path pgData) throws Exception {
        String postmaster = Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim();
        long[] own = procTimes(Path.of("/proc", postmaster, "stat"));
        long total = own[0] + own[1] + own[2] + own[3];
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (f[1].equals(postmaster)) { // ppid
                        total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (java.io.IOException gone) {
                    // exited meanwhile: counted in the postmaster's children time
                }
            }
        }
        return total;
    }

    /** utime, stime, cutime, cstime of a /proc/PID/stat file. */
    private static long[] procTimes(Path stat) throws Exception {
        String text = Files.readString(stat);
        String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    }

    /** Creates database {@code db} with n tables; false when it exists already (a kept data directory) with n tables. */
    private static boolean create(EmbeddedPostgres server, String db, long n) throws Exception {
        if (query(server, "postgres", "SELECT 1 FROM pg_database WHERE datname = '" + db + "'") != null) {
            String have = query(server, db, "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace IN "
                    + "(SELECT oid FROM pg_namespace WHERE nspname LIKE 's%')");
            if (Long.parseLong(have) == n) {
                return false;
            }
            throw new IllegalStateException(db + " has " + have + " tables, not " + n + ": delete the data directory");
        }
        try (Connection c = server.getDatabase("postgres", "postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        try (Connection c = server.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement()) {
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
        return true;
    }

    /**
     * With -Dbench.touch=true: inserts a row into every table and waits until pg_stat counts them,
     * so that every table is "written since its last ANALYZE" and has its size measured on disk
     * (the worst case of an hourly collection).
     */
    private static void touch(EmbeddedPostgres server, String db, long n) throws Exception {
        try (Connection c = server.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement()) {
            for (long from = 0; from < n; from += PER_BLOCK) {
                long to = Math.min(n, from + PER_BLOCK);
                s.execute("DO $$ BEGIN FOR i IN " + from + ".." + (to - 1) + " LOOP EXECUTE format("
                        + "'INSERT INTO s%s.t%s (id) VALUES (1)', i % " + SCHEMAS + ", i); END LOOP; END $$");
            }
        }
        // the statistics collector may drop messages under load: wait for the counts to settle, print them
        String counted = "";
        for (int i = 0; i < 20; i++) {
            Thread.sleep(500);
            String now = query(server, db, "SELECT count(*) FROM pg_stat_user_tables WHERE n_mod_since_analyze > 0");
            if (now.equals(counted) && Long.parseLong(now) > 0) {
                break;
            }
            counted = now;
        }
        System.out.printf("          (%s of %,d tables written since their last ANALYZE)%n", counted, n);
    }

    /** With -Dbench.explain=true: where the server spends its time (EXPLAIN ANALYZE of the counter query and one schema's). */
    private static void explain(EmbeddedPostgres server, String db) throws Exception {
        java.lang.reflect.Field f = PostgresSource.class.getDeclaredField("WITH_COLUMNS");
        f.setAccessible(true);
        String relations = ((String) f.get(null)).replace("n.nspname = ?", "n.nspname = 's0'").replace("(? OR", "(false OR");
        for (String q : new String[] {PostgresSource.COUNTERS, relations}) {
            try (Connection c = server.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, TIMING OFF) " + q)) {
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

    /**
     * Samples heap in use every 10 ms, garbage included, and the CPU time of the collection's
     * backends: the server's children whose title names the benchmark database (the last 10 ms
     * of a backend that exits can be missed).
     */
    private static final class HeapPeak {
        volatile long peak;
        private volatile boolean running = true;
        private final Map<String, Long> backends = new java.util.concurrent.ConcurrentHashMap<>();
        /** The largest private (anonymous) resident memory of a collection backend seen. */
        volatile long backendAnonPeak;
        private final String postmaster;
        private final String database;
        private final Thread thread = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                sampleBackends();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-peak");

        HeapPeak(String postmaster, String database) {
            this.postmaster = postmaster;
            this.database = database;
            thread.setDaemon(true);
            thread.start();
        }

        long backendTicks() {
            return backends.values().stream().mapToLong(Long::longValue).sum();
        }

        private void sampleBackends() {
            try {
                Path children = Path.of("/proc", postmaster, "task", postmaster, "children");
                for (String pid : Files.readString(children).trim().split(" ")) {
                    if (pid.isEmpty()) {
                        continue;
                    }
                    try {
                        Path p = Path.of("/proc", pid);
                        String stat = Files.readString(p.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        if (Files.readString(p.resolve("cmdline")).contains(database)) {
                            backends.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                            for (String line : Files.readAllLines(p.resolve("status"))) {
                                if (line.startsWith("RssAnon:")) {
                                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                                    backendAnonPeak = Math.max(backendAnonPeak, kb << 10);
                                }
                            }
                        }
                    } catch (java.io.IOException | RuntimeException gone) {
                        // exited meanwhile
                    }
                }
            } catch (java.io.IOException e) {
                // no /proc: no backend figure
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
