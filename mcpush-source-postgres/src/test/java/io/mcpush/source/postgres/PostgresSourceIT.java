package io.mcpush.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.Source;
import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The postgres source against a real embedded PostgreSQL. Each test uses a database of its own. */
class PostgresSourceIT {
    private static final Dialect Q = Dialect.POSTGRES;
    private static final String PASSWORD = "pw-SECRET-4c3b2a";
    private static EmbeddedServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(@TempDir Path serverDir) {
        server = EmbeddedServer.start(serverDir);
        server.execute("postgres", "CREATE ROLE collector LOGIN PASSWORD '" + PASSWORD + "'");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String createDatabase(String name, String... statements) {
        server.execute("postgres", "CREATE DATABASE " + Q.quote(name));
        server.execute(name, statements);
        return name;
    }

    private Map<String, String> options(String database, String... extra) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("jdbc-url", server.url(database));
        o.put("user", "postgres");
        o.put("state-dir", dir.resolve("state").toString());
        for (int i = 0; i < extra.length; i += 2) {
            o.put(extra[i], extra[i + 1]);
        }
        return o;
    }

    /** The test's "state-dir" entry is the --state-dir the CLI hands every source as SourceOptions.stateDir(). */
    static SourceOptions sourceOptions(Map<String, String> options, java.util.function.Function<String, String> env) {
        Map<String, String> o = new LinkedHashMap<>(options);
        String state = o.remove("state-dir");
        return new SourceOptions("postgres", o, env, state == null ? null : Path.of(state));
    }

    private static Source source(Map<String, String> options) {
        return new PostgresSourceFactory().create(sourceOptions(options, System::getenv));
    }

    private static List<RelationalAsset> collect(Map<String, String> options, CollectionReport report) {
        List<RelationalAsset> out = new ArrayList<>();
        try (Source s = source(options); EventStream<RelationalAsset> stream = s.metadata(report)) {
            RelationalAsset a;
            while ((a = stream.next()) != null) {
                out.add(a);
            }
        }
        return out;
    }

    private static List<RelationalAsset> collect(Map<String, String> options) {
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> out = collect(options, report);
        assertThat(report.warnings()).isEmpty();
        return out;
    }

    private static RelationalAsset find(List<RelationalAsset> assets, String schema, String name) {
        return assets.stream().filter(a -> a.metadata().schema().equals(schema) && a.metadata().name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + schema + "." + name + " in "
                        + assets.stream().map(a -> a.metadata().schema() + "." + a.metadata().name()).toList()));
    }

    private static Map<String, String> columns(RelationalAsset a) {
        Map<String, String> m = new LinkedHashMap<>();
        for (AssetField f : a.fields()) {
            m.put(f.name(), f.type());
        }
        return m;
    }

    @Test
    void hostileIdentifiersRoundTripExactly() {
        List<String> schemas = List.of("we\"ird schema", "Sales.Q1", "ünïcødé 表", "MixedCase", "select");
        List<String> tables = List.of("a \"quoted\" table", "dotted.name", "Ωmega 🚀", "MiXeD", "order", "  spaces  ");
        List<String> columns = List.of("col \"q\"", "from", "Dot.ted", "ÜberCol", "CamelCase", "with space");
        List<String> ddl = new ArrayList<>();
        for (String s : schemas) {
            ddl.add("CREATE SCHEMA " + Q.quote(s));
            for (String t : tables) {
                ddl.add("CREATE TABLE " + Q.qualified(s, t) + " (" + columns.stream().map(c -> Q.quote(c) + " int")
                        .collect(Collectors.joining(", ")) + ")");
            }
            ddl.add("COMMENT ON TABLE " + Q.qualified(s, tables.get(0)) + " IS 'it''s \"commented\" ✓'");
            ddl.add("COMMENT ON COLUMN " + Q.qualified(s, tables.get(0), columns.get(0)) + " IS 'col ''note'''");
            ddl.add("CREATE VIEW " + Q.qualified(s, "view " + s) + " AS SELECT " + Q.quote("from") + " FROM "
                    + Q.qualified(s, tables.get(1)));
        }
        String db = createDatabase("hostile", ddl.toArray(String[]::new));

        List<RelationalAsset> assets = collect(options(db));

        assertThat(assets).hasSize(schemas.size() * (tables.size() + 1));
        for (String s : schemas) {
            for (String t : tables) {
                RelationalAsset a = find(assets, s, t);
                assertThat(a.type()).isEqualTo("TABLE");
                assertThat(a.metadata().database()).isEqualTo("hostile");
                assertThat(a.fields()).extracting(AssetField::name).containsExactlyElementsOf(columns);
            }
            assertThat(find(assets, s, tables.get(0)).metadata().description()).isEqualTo("it's \"commented\" ✓");
            assertThat(find(assets, s, tables.get(0)).fields().get(0).description()).isEqualTo("col 'note'");
            RelationalAsset view = find(assets, s, "view " + s);
            assertThat(view.type()).isEqualTo("VIEW");
            assertThat(view.metadata().viewQuery()).contains("\"from\"").contains("FROM");
            assertThat(view.volume()).isNull();
        }
    }

    @Test
    void columnTypesAreAsPostgresFormatsThem() {
        String db = createDatabase("types", "CREATE TABLE t (a numeric(10,2), b varchar(20), c timestamptz, "
                + "d integer[], e text NOT NULL, f jsonb, g bit(3), h double precision)");

        RelationalAsset t = find(collect(options(db)), "public", "t");

        assertThat(columns(t)).containsExactly(Map.entry("a", "numeric(10,2)"), Map.entry("b", "character varying(20)"),
                Map.entry("c", "timestamp with time zone"), Map.entry("d", "integer[]"), Map.entry("e", "text"),
                Map.entry("f", "jsonb"), Map.entry("g", "bit(3)"), Map.entry("h", "double precision"));
    }

    @Test
    void partitionedTablesAndMaterializedViewsAreCollectedWithVolumeAndDefinitions() throws Exception {
        String db = createDatabase("parts",
                "CREATE TABLE events (id int, day date, note text) PARTITION BY RANGE (day)",
                "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "INSERT INTO events SELECT g, DATE '2024-06-01' + (g % 400), repeat('x', 50) FROM generate_series(1, 3000) g",
                "CREATE MATERIALIZED VIEW daily AS SELECT day, count(*) AS n FROM events GROUP BY day",
                "COMMENT ON MATERIALIZED VIEW daily IS 'per day'",
                "ANALYZE");

        List<RelationalAsset> assets = collect(options(db));

        assertThat(assets).extracting(a -> a.metadata().name()).containsExactlyInAnyOrder("daily", "events");
        RelationalAsset events = find(assets, "public", "events");
        assertThat(events.type()).isEqualTo("TABLE");
        assertThat(events.volume().rowCount()).isEqualTo(3000);
        assertThat(events.volume().byteCount()).isEqualTo(mainForks(db, "events_2024") + mainForks(db, "events_2025"));
        RelationalAsset daily = find(assets, "public", "daily");
        assertThat(daily.type()).isEqualTo("TABLE");
        assertThat(daily.metadata().description()).isEqualTo("per day");
        assertThat(daily.metadata().viewQuery()).contains("count(*)").contains("GROUP BY");
        assertThat(daily.volume().rowCount()).isEqualTo(400);
        assertThat(daily.fields()).extracting(AssetField::name).containsExactly("day", "n");

        List<RelationalAsset> withPartitions = collect(options(db, "include-partitions", "true"));
        assertThat(withPartitions).extracting(a -> a.metadata().name())
                .containsExactlyInAnyOrder("daily", "events", "events_2024", "events_2025");
    }

    @Test
    void rowEstimatesAndMainForkSizesComeFromTheCatalog() throws Exception {
        String db = createDatabase("volume",
                "CREATE TABLE analysed (id int PRIMARY KEY, payload text)",
                "INSERT INTO analysed SELECT g, md5(g::text) FROM generate_series(1, 1234) g",
                "ANALYZE analysed",
                "CREATE TABLE never_analysed (id int)");

        List<RelationalAsset> assets = collect(options(db));

        RelationalAsset analysed = find(assets, "public", "analysed");
        assertThat(analysed.volume().rowCount()).isEqualTo(1234);
        assertThat(analysed.volume().byteCount()).isEqualTo(mainForks(db, "analysed")).isGreaterThan(8192);
        RelationalAsset never = find(assets, "public", "never_analysed");
        assertThat(never.volume().rowCount()).as("reltuples -1 is unknown, not -1 or 0").isNull();
        assertThat(never.volume().byteCount()).isZero();
    }

    /** The main forks of the table, its TOAST table and all their indexes, measured now. */
    private static long mainForks(String db, String table) throws Exception {
        return longQuery(db, "SELECT sum(pg_relation_size(r)) FROM (SELECT oid AS r FROM pg_class WHERE relname = '"
                + table + "' UNION ALL SELECT reltoastrelid FROM pg_class WHERE relname = '" + table
                + "' AND reltoastrelid <> 0 UNION ALL SELECT indexrelid FROM pg_index WHERE indrelid IN "
                + "(SELECT oid FROM pg_class WHERE relname = '" + table + "' UNION ALL SELECT reltoastrelid FROM "
                + "pg_class WHERE relname = '" + table + "')) x");
    }

    private static long longQuery(String db, String sql) throws Exception {
        try (Connection c = server.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void byteCountIsMeasuredAfterWritesAndTakenFromRelpagesWhenNothingWasWrittenSinceAnalyze() throws Exception {
        String db = createDatabase("bytes", "CREATE TABLE t (id int PRIMARY KEY, v bigint)",
                "INSERT INTO t SELECT g, g FROM generate_series(1, 5000) g");
        awaitCounter(db, "t", 0);
        server.execute(db, "ANALYZE t");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (longQuery(db, "SELECT n_mod_since_analyze FROM pg_stat_all_tables WHERE relname = 't'") != 0) {
            assertThat(System.nanoTime()).as("pg_stat never saw the ANALYZE").isLessThan(deadline);
            Thread.sleep(50);
        }
        long analysed = mainForks(db, "t");
        long index = longQuery(db, "SELECT relpages FROM pg_class WHERE relname = 't_pkey'");
        assertThat(byteCountOf(db, "t")).as("nothing written since ANALYZE: relpages, equal to the files")
                .isEqualTo(analysed).isEqualTo((longQuery(db, "SELECT relpages FROM pg_class WHERE relname = 't'")
                        + index) * 8192);
        // a superuser can set relpages: proves that the untouched table's size is read from pg_class, not the files
        server.execute(db, "UPDATE pg_class SET relpages = 7 WHERE relname = 't'");
        assertThat(byteCountOf(db, "t")).isEqualTo((7 + index) * 8192);

        server.execute(db, "INSERT INTO t SELECT g, g FROM generate_series(5001, 20000) g");
        awaitCounter(db, "t", 5000);
        long grown = mainForks(db, "t");
        assertThat(grown).isGreaterThan(analysed);
        assertThat(byteCountOf(db, "t")).as("written since ANALYZE: measured on disk").isEqualTo(grown);
    }

    private long byteCountOf(String db, String table) {
        return find(collect(options(db)), "public", table).volume().byteCount();
    }

    @Test
    void freshnessIsTheCollectionThatFirstSawTheCountersChange() throws Exception {
        String db = createDatabase("fresh", "CREATE TABLE hot (id int)", "CREATE TABLE cold (id int)",
                "CREATE TABLE parted (id int) PARTITION BY RANGE (id)",
                "CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (100)",
                "CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM hot",
                "INSERT INTO cold VALUES (1)");
        awaitCounter(db, "cold", 0);
        Map<String, String> options = options(db);

        List<RelationalAsset> first = collect(options);
        assertThat(first).allSatisfy(a -> assertThat(a.freshness()).as(a.metadata().name()).isNull());

        long before = inserted(db, "hot");
        long beforePartition = inserted(db, "parted_1");
        server.execute(db, "INSERT INTO hot VALUES (1), (2)", "INSERT INTO parted VALUES (5)",
                "REFRESH MATERIALIZED VIEW mv");
        awaitCounter(db, "hot", before);
        awaitCounter(db, "parted_1", beforePartition);
        Instant start = Instant.now();
        List<RelationalAsset> second = collect(options);
        Instant end = Instant.now();

        for (String changed : List.of("hot", "parted", "mv")) {
            Instant t = Instant.parse(find(second, "public", changed).freshness().lastUpdateTime());
            assertThat(t).as(changed).isBetween(start.minusMillis(1), end);
        }
        assertThat(find(second, "public", "cold").freshness()).isNull();

        List<RelationalAsset> third = collect(options);
        assertThat(find(third, "public", "hot").freshness()).as("unchanged: the earlier time again")
                .isEqualTo(find(second, "public", "hot").freshness());
        assertThat(find(third, "public", "cold").freshness()).isNull();
    }

    @Test
    void aFilteredOutTableKeepsItsCountersForTheNextCollection() throws Exception {
        String db = createDatabase("filtered", "CREATE TABLE a (id int)", "CREATE TABLE b (id int)");
        Map<String, String> all = options(db);
        collect(all);
        long before = inserted(db, "b");
        server.execute(db, "INSERT INTO b VALUES (1)");
        awaitCounter(db, "b", before);

        assertThat(collect(options(db, "exclude-table", "b"))).extracting(a -> a.metadata().name()).containsExactly("a");
        RelationalAsset b = find(collect(all), "public", "b");

        assertThat(b.freshness()).as("the change made while b was filtered out is still seen").isNotNull();
    }

    private static long inserted(String db, String table) throws Exception {
        try (Connection c = server.connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(n_tup_ins, 0) FROM pg_stat_all_tables WHERE relname = '"
                        + table + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Statistics reach pg_stat shortly after commit (PostgreSQL 14: through the statistics collector). */
    private static void awaitCounter(String db, String table, long before) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (inserted(db, table) == before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pg_stat never counted the insert into " + table);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void filtersAndOnlyFreshnessAndVolume() {
        String db = createDatabase("filters", "CREATE SCHEMA keep", "CREATE SCHEMA skip",
                "CREATE TABLE keep.t1 (a int, b int)", "CREATE TABLE keep.t2 (a int)", "CREATE TABLE skip.t3 (a int)");

        List<RelationalAsset> assets = collect(options(db, "include-schema", "keep", "exclude-table", "t2",
                "only-freshness-and-volume", "true"));

        assertThat(assets).extracting(a -> a.metadata().schema() + "." + a.metadata().name()).containsExactly("keep.t1");
        assertThat(assets.get(0).fields()).isEmpty();
        assertThat(assets.get(0).volume()).isNotNull();
    }

    @Test
    void passwordComesFromTheEnvironmentOrAFileAndIsNeverRepeated() throws Exception {
        String db = createDatabase("secured", "CREATE TABLE t (id int)", "GRANT CONNECT ON DATABASE secured TO collector");
        Map<String, String> env = Map.of("PG_PW", PASSWORD, "WRONG_PW", "wrong-" + PASSWORD);
        Map<String, String> o = new LinkedHashMap<>(options(db));
        o.put("user", "collector");
        o.put("password-env", "PG_PW");
        try (Source s = new PostgresSourceFactory().create(sourceOptions(o, env::get));
                EventStream<RelationalAsset> stream = s.metadata(new CollectionReport())) {
            assertThat(stream.next().metadata().name()).isEqualTo("t");
        }
        Path file = dir.resolve("pw.txt");
        Files.writeString(file, PASSWORD + "\n");
        o.remove("password-env");
        o.put("password-file", file.toString());
        assertThat(collect(o)).hasSize(1);

        o.remove("password-file");
        o.put("password-env", "WRONG_PW");
        Map<String, String> wrong = o;
        assertThatThrownBy(() -> {
            try (Source s = new PostgresSourceFactory().create(sourceOptions(wrong, env::get))) {
                s.metadata(new CollectionReport());
            }
        }).isInstanceOf(SourceConnectionException.class)
                .hasMessageContaining("secured").hasMessageContaining("localhost:" + server.postgres.getPort())
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining(PASSWORD);

        o.put("password", PASSWORD);
        assertThatThrownBy(() -> source(o)).isInstanceOf(SourceConfigException.class)
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void anUnreachableServerIsOneLineNamingHostAndDatabase() {
        Map<String, String> o = options("postgres");
        o.put("jdbc-url", "jdbc:postgresql://127.0.0.1:1/warehouse?connectTimeout=2");

        assertThatThrownBy(() -> collect(o)).isInstanceOf(SourceConnectionException.class)
                .hasMessageStartingWith("cannot connect to database warehouse on 127.0.0.1:1: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aNonPostgresUrlIsAConfigurationError() {
        Map<String, String> o = options("postgres");
        o.put("jdbc-url", "jdbc:mysql://localhost/db");

        assertThatThrownBy(() -> source(o)).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("jdbc:postgresql:");
    }
}
