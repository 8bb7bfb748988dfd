package io.mcpush.source.hive;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.Source;
import io.mcpush.source.SourceOptions;
import io.mcpush.testsupport.MariaDbServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metastore path against a real MariaDB ({@link MariaDbServer}) holding a twin of Hive's MySQL
 * metastore schema ({@code metastore/hive-schema-subset.mysql.sql}, hand-written subset with the
 * script's latin1_bin columns) and the same hand-written rows as the PostgreSQL test.
 */
class HiveMetastoreMariaDbIT {
    private static MariaDbServer server;

    @BeforeAll
    static void start() throws Exception {
        server = MariaDbServer.start();
        server.execute("CREATE DATABASE metastore");
        try (Connection c = server.connect("root", ""); Statement s = c.createStatement()) {
            c.setCatalog("metastore");
            for (String sql : statements(resource("/metastore/hive-schema-subset.mysql.sql"))) {
                s.execute(sql);
            }
            s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')"); // rows.sql quotes "TBLS"
            for (String sql : statements(resource("/metastore/rows.sql"))) {
                s.execute(sql);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HiveMetastoreMariaDbIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static java.util.List<String> statements(String script) {
        return java.util.Arrays.stream(script.split(";\\s*\\n")).map(String::strip)
                .filter(s -> !s.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--")))
                .collect(Collectors.toList());
    }

    private static Source source() {
        // a jdbc:mysql: URL, as users of MySQL-backed metastores write it
        return new HiveSourceFactory().create(SourceOptions.of("hive", Map.of("jdbc-url",
                server.url("mysql", "metastore"), "user", "root")));
    }

    private static String epoch(long seconds) {
        return Timestamps.toWire(Instant.ofEpochSecond(seconds));
    }

    @Test
    void readsTheMetastoreThroughMySqlQuoting() {
        Map<String, RelationalAsset> assets = new LinkedHashMap<>();
        CollectionReport report = new CollectionReport();
        try (Source s = source(); EventStream<RelationalAsset> stream = s.metadata(report)) {
            RelationalAsset a;
            while ((a = stream.next()) != null) {
                assets.put(a.metadata().schema() + "." + a.metadata().name(), a);
            }
        }
        assertThat(report.warnings()).isEmpty();
        assertThat(assets.keySet()).containsExactlyInAnyOrder("sales.orders", "sales.customers", "sales.raw_clicks",
                "sales.sales_summary", "sales.événements", "sales.empty_parted", "mart.customer_orders",
                "mart.mv_revenue", "mart.v_top", "o'hara\"db.t1");
        RelationalAsset orders = assets.get("sales.orders");
        assertThat(orders.fields()).extracting(f -> f.name() + " " + f.type()).containsExactly("order_id BIGINT",
                "customer_id BIGINT", "amount DECIMAL(10,2)", "order total € DOUBLE", "ds VARCHAR");
        assertThat(orders.volume().rowCount()).isEqualTo(350L);
        assertThat(orders.volume().byteCount()).isEqualTo(12288L);
        assertThat(orders.freshness().lastUpdateTime()).isEqualTo(epoch(1764066000));
        assertThat(orders.metadata().createdOn()).isEqualTo(epoch(1763900000));
        assertThat(assets.get("sales.customers").freshness().lastUpdateTime()).isEqualTo(epoch(1764070000));
        assertThat(assets.get("sales.raw_clicks").volume()).isNull();
        assertThat(assets.get("sales.événements").volume()).isNull();
        assertThat(assets.get("sales.empty_parted").volume().rowCount()).isZero();
        assertThat(assets.get("o'hara\"db.t1").volume()).isNull();
        assertThat(assets.get("sales.sales_summary").type()).isEqualTo("VIEW");
        assertThat(assets.get("mart.mv_revenue").type()).isEqualTo("TABLE");
    }

    @Test
    void derivesViewLineageAcrossDatabases() {
        Map<String, LineageEvent> events = new LinkedHashMap<>();
        try (Source s = source(); EventStream<LineageEvent> stream = s.lineage(null, new CollectionReport())) {
            LineageEvent e;
            while ((e = stream.next()) != null) {
                events.put(e.destination().schema() + "." + e.destination().name(), e);
            }
        }
        assertThat(events.keySet()).containsExactlyInAnyOrder("sales.sales_summary", "mart.v_top");
        assertThat(events.get("mart.v_top").sources()).extracting(LineageAssetRef::database).containsExactly("sales");
    }
}
