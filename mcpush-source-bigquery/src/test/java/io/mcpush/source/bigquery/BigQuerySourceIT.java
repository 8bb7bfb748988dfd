package io.mcpush.source.bigquery;

import static io.mcpush.source.bigquery.BigQueryFixture.PROJECT;
import static io.mcpush.source.bigquery.BigQueryFixture.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.SourceException;
import io.mcpush.source.bigquery.BigQueryFixture.Job;
import io.mcpush.source.jdbc.NameFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The BigQuery source end to end through google-cloud-bigquery against {@link BigQueryStandIn},
 * a local HTTP stand-in for the BigQuery REST API answering with the hand-written rows of
 * {@link BigQueryFixture} (BigQuery itself cannot run here; {@code BigQueryLiveIT} runs against
 * the real service when credentials are given).
 */
class BigQuerySourceIT {
    private BigQueryStandIn standIn;
    private BigQueryFixture fixture;

    @BeforeEach
    void start() throws Exception {
        standIn = new BigQueryStandIn();
        fixture = new BigQueryFixture();
        fixture.acme(standIn);
    }

    @AfterEach
    void stop() {
        assertThat(standIn.unknown).as("requests the stand-in does not serve").isEmpty();
        standIn.close();
    }

    private BigQuerySource source(NameFilter filter, boolean onlyFreshness, String... regions) {
        return new BigQuerySource(BigQueryFixture.config(standIn,
                regions.length == 0 ? List.of("region-us") : List.of(regions), filter, onlyFreshness));
    }

    private static <E extends io.mcpush.sdk.model.WireEvent> List<E> drain(EventStream<E> stream) {
        List<E> out = new ArrayList<>();
        try (stream) {
            E e;
            while ((e = stream.next()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static Map<String, RelationalAsset> byName(List<RelationalAsset> assets) {
        Map<String, RelationalAsset> m = new LinkedHashMap<>();
        for (RelationalAsset a : assets) {
            m.put(a.metadata().schema() + "." + a.metadata().name(), a);
        }
        return m;
    }

    @Test
    void metadataReadsEveryDatasetAndEveryResultPageWithNestedFieldsVolumeAndFreshness() {
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> assets;
        try (BigQuerySource source = source(NameFilter.ALL, false)) {
            assets = drain(source.metadata(report));
        }
        Map<String, RelationalAsset> m = byName(assets);
        assertThat(m.keySet()).containsExactly("sales.customers", "sales.orders", "sales.order_totals",
                "sales.v_big_orders", "sales.mv_daily", "sales.ext_clicks", "sales.events_iceberg",
                "Marketing_EU.Kampagnen – Übersicht", "Marketing_EU.订单");

        RelationalAsset customers = m.get("sales.customers");
        assertThat(customers.type()).isEqualTo("TABLE");
        assertThat(customers.metadata().database()).isEqualTo(PROJECT);
        assertThat(customers.metadata().description()).isEqualTo("One row per \"customer\"");
        assertThat(customers.metadata().createdOn()).isEqualTo("2025-03-01T09:00:00Z");
        assertThat(customers.fields()).extracting(AssetField::name).containsExactly("customer_id", "address",
                "address.city", "address.geo", "address.geo.lat", "address.geo.lon", "address.street", "tags", "balance");
        assertThat(customers.fields()).extracting(AssetField::type).containsExactly("INTEGER", "STRUCT", "VARCHAR",
                "STRUCT", "FLOAT", "FLOAT", "VARCHAR", "ARRAY", "DECIMAL");
        assertThat(customers.fields().get(0).description()).isEqualTo("surrogate key");
        assertThat(customers.volume().rowCount()).isEqualTo(1200L);
        assertThat(customers.volume().byteCount()).isEqualTo(98304L);
        assertThat(customers.freshness().lastUpdateTime()).isEqualTo("2025-11-25T10:00:00.123000Z");

        RelationalAsset view = m.get("sales.v_big_orders");
        assertThat(view.type()).isEqualTo("VIEW");
        assertThat(view.metadata().viewQuery()).startsWith("SELECT order_id, total FROM");
        assertThat(view.metadata().description()).isEqualTo("large orders");
        assertThat(view.volume()).isNull();
        assertThat(view.freshness()).isNull();

        RelationalAsset mv = m.get("sales.mv_daily");
        assertThat(mv.type()).isEqualTo("TABLE");
        assertThat(mv.metadata().viewQuery()).startsWith("CREATE MATERIALIZED VIEW");
        assertThat(mv.volume().rowCount()).isEqualTo(365L);

        assertThat(m.get("sales.ext_clicks").volume()).as("external: BigQuery holds no data").isNull();
        assertThat(m.get("sales.ext_clicks").freshness()).isNull();
        assertThat(m.get("sales.events_iceberg").volume()).as("absent from __TABLES__: unknown, not zero").isNull();
        assertThat(m.get("Marketing_EU.订单").type()).isEqualTo("TABLE");

        RelationalAsset hostile = m.get("Marketing_EU.Kampagnen – Übersicht");
        assertThat(hostile.metadata().description()).isEqualTo("Kampagnen je Woche\nmit Umsatz");
        assertThat(hostile.fields()).extracting(AssetField::name).containsExactly("Straße Nr", "Umsatz€", "CamelCase");
        assertThat(hostile.fields()).extracting(AssetField::type).containsExactly("VARCHAR", "FLOAT", "BOOLEAN");

        assertThat(report.warnings()).singleElement().asString()
                .contains("dataset acme-analytics.restricted").contains("403").contains("accessDenied");
        assertThat(report.get("datasets")).isEqualTo(2);
        assertThat(report.get("tables")).isEqualTo(8);
        assertThat(report.get("views")).isEqualTo(1);
        // datasets.list in two pages, sales' 7 rows in 4 pages: jobs.query + jobs.get + 3 tabledata.list
        assertThat(standIn.requests.stream().filter(r -> r.endsWith("/datasets")).count()).isEqualTo(2);
        assertThat(standIn.requests.stream().filter(r -> r.endsWith("/data")).count()).isEqualTo(3 + 0);
        assertThat(standIn.queries).hasSize(3);
        assertThat(standIn.queries.get(0).labels()).containsEntry("mcpush", "collector");
    }

    @Test
    void onlyFreshnessAndVolumeSkipsTheColumnViewsAndFilterOnNames() {
        CollectionReport report = new CollectionReport();
        NameFilter filter = new NameFilter(null, null, Pattern.compile("sales|Marketing_EU"), null, null,
                Pattern.compile("v_.*|ext_.*"));
        List<RelationalAsset> assets;
        try (BigQuerySource source = source(filter, true)) {
            assets = drain(source.metadata(report));
        }
        assertThat(byName(assets).keySet()).containsExactly("sales.customers", "sales.orders", "sales.order_totals",
                "sales.mv_daily", "sales.events_iceberg", "Marketing_EU.Kampagnen – Übersicht", "Marketing_EU.订单");
        assertThat(assets).allSatisfy(a -> assertThat(a.fields()).isEmpty());
        assertThat(byName(assets).get("sales.orders").volume().rowCount()).isEqualTo(48210L);
        assertThat(standIn.queries).noneMatch(q -> q.sql().contains("COLUMN_FIELD_PATHS"));
        assertThat(report.warnings()).as("the restricted dataset is filtered out, not read").isEmpty();
    }

    private Job job(String region, String id, String created, String user, String type, String sql,
            String errorReason, String errorMessage, List<String> destination, List<List<String>> refs,
            String... labels) {
        Instant c = t(created);
        return new Job(region, id, c, c.plusMillis(120), errorReason == null && id.contains("running") ? null
                : c.plusMillis(2_500), user, type, sql, id.contains("running") ? "RUNNING" : "DONE", 10_485_760L,
                10_485_760L, 1234L, false, errorReason, errorMessage, destination, refs, List.of(labels));
    }

    private void jobHistory() {
        List<List<String>> orders = List.of(List.of(PROJECT, "sales", "orders"));
        fixture.jobs.add(job("region-us", "before_window", "2026-11-25T08:59:59.999999Z", "ana@acme.com", "SELECT",
                "SELECT 1", null, null, null, List.of()));
        fixture.jobs.add(job("region-us", "at_start", "2026-11-25T09:00:00Z", "ana@acme.com", "SELECT",
                "SELECT count(*) FROM `acme-analytics.sales.orders`", null, null,
                List.of(PROJECT, "_8f3a", "anon1"), orders));
        fixture.jobs.add(job("region-us", "insert_totals", "2026-11-25T09:10:00Z", "etl@acme.iam.gserviceaccount.com",
                "INSERT", "INSERT INTO sales.order_totals (customer_id, total)\n"
                        + "SELECT o.customer_id, SUM(o.total) FROM sales.orders AS o JOIN sales.customers AS c "
                        + "ON c.customer_id = o.customer_id GROUP BY o.customer_id",
                null, null, List.of(PROJECT, "sales", "order_totals"),
                List.of(List.of(PROJECT, "sales", "orders"), List.of(PROJECT, "sales", "customers"))));
        fixture.jobs.add(job("region-us", "failed_ctas", "2026-11-25T09:20:00Z", "bob@acme.com",
                "CREATE_TABLE_AS_SELECT", "CREATE TABLE sales.broken AS SELECT * FROM sales.orderz", "notFound",
                "Not found: Table acme-analytics:sales.orderz was not found in location US",
                List.of(PROJECT, "sales", "broken"), List.of()));
        fixture.jobs.add(job("region-us", "own_metadata_query", "2026-11-25T09:30:00Z", "mcpush@acme.com", "SELECT",
                "SELECT table_name FROM x", null, null, null, List.of(), "mcpush=collector"));
        fixture.jobs.add(job("region-us", "still_running", "2026-11-25T09:40:00Z", "ana@acme.com", "SELECT",
                "SELECT * FROM `acme-analytics.sales.orders`", null, null, null, orders));
        for (int i = 0; i < 5; i++) {
            fixture.jobs.add(job("region-us", "dash_" + i, "2026-11-25T09:5" + i + ":00Z", "looker@acme.com", "SELECT",
                    "SELECT * FROM `acme-analytics.sales.v_big_orders`", null, null, null,
                    List.of(List.of(PROJECT, "sales", "v_big_orders"))));
        }
        fixture.jobs.add(job("region-us", "at_end", "2026-11-25T10:00:00Z", "ana@acme.com", "SELECT", "SELECT 2",
                null, null, null, List.of()));
        fixture.jobs.add(job("region-europe-west4", "eu_job", "2026-11-25T09:15:00Z", "ana@acme.com", "MERGE",
                "MERGE `acme-analytics.Marketing_EU.订单` t USING `acme-analytics.sales.orders` s ON t.id = s.order_id "
                        + "WHEN NOT MATCHED THEN INSERT (id) VALUES (s.order_id)",
                null, null, List.of(PROJECT, "Marketing_EU", "订单"), orders));
    }

    @Test
    void queryLogsReadTheWindowFromJobsOfEveryRegionPageByPageWithBoundsAsParameters() {
        jobHistory();
        QueryLogWindow window = new QueryLogWindow(t("2026-11-25T09:00:00Z"), t("2026-11-25T10:00:00Z"));
        CollectionReport report = new CollectionReport();
        List<QueryLogEntry> entries;
        try (BigQuerySource source = source(NameFilter.ALL, false, "region-us", "region-europe-west4")) {
            entries = drain(source.queryLogs(window, report));
        }
        assertThat(entries).extracting(QueryLogEntry::queryId).containsExactly("at_start", "insert_totals",
                "failed_ctas", "dash_0", "dash_1", "dash_2", "dash_3", "dash_4", "eu_job");
        assertThat(standIn.queries).hasSize(2).allSatisfy(q -> {
            assertThat(q.timestamp(JobsQuery.WINDOW_START)).isEqualTo(window.start());
            assertThat(q.timestamp(JobsQuery.WINDOW_END)).isEqualTo(window.end());
            assertThat(q.sql()).contains("@window_start").doesNotContain("2026-11-25");
        });
        assertThat(BigQueryStandIn.pathBefore(standIn.queries.get(1).sql(), ".INFORMATION_SCHEMA.JOBS"))
                .containsExactly(PROJECT, "region-europe-west4");
        assertThat(standIn.requests.stream().filter(r -> r.endsWith("/data")).count())
                .as("9 us rows in pages of 2").isEqualTo(4);

        QueryLogEntry insert = entries.get(1);
        assertThat(insert.startTime()).isEqualTo(t("2026-11-25T09:10:00.120Z"));
        assertThat(insert.endTime()).isEqualTo(t("2026-11-25T09:10:02.500Z"));
        assertThat(insert.user()).isEqualTo("etl@acme.iam.gserviceaccount.com");
        assertThat(insert.errorCode()).isNull();
        assertThat(insert.extra()).containsEntry("total_bytes_billed", 10_485_760L).containsEntry("statement_type", "INSERT")
                .containsEntry("total_slot_ms", 1234L).containsEntry("cache_hit", false)
                .containsEntry("destination_table", PROJECT + ".sales.order_totals")
                .containsEntry("referenced_tables", List.of(PROJECT + ".sales.orders", PROJECT + ".sales.customers"))
                .containsEntry("location", "us");
        assertThat(entries.get(0).extra()).as("anonymous result tables are not destinations")
                .doesNotContainKey("destination_table");

        QueryLogEntry failed = entries.get(2);
        assertThat(failed.errorCode()).isEqualTo("notFound");
        assertThat(failed.errorText()).startsWith("Not found: Table acme-analytics:sales.orderz");
        assertThat(report.get("failed queries")).isEqualTo(1);
        assertThat(report.warnings()).singleElement().asString().contains("1 jobs").contains("had not finished");
    }

    @Test
    void aRegionWhoseJobsCannotBeReadFailsTheCollectionSoTheWindowIsRetried() {
        jobHistory();
        fixture.jobFailures.add("region-europe-west4");
        QueryLogWindow window = new QueryLogWindow(t("2026-11-25T09:00:00Z"), t("2026-11-25T10:00:00Z"));
        try (BigQuerySource source = source(NameFilter.ALL, false, "region-us", "region-europe-west4");
                EventStream<QueryLogEntry> s = source.queryLogs(window, new CollectionReport())) {
            assertThatThrownBy(() -> {
                while (s.next() != null) {
                    // read until the second region fails
                }
            }).isInstanceOf(SourceException.class).hasMessageContaining("region-europe-west4")
                    .hasMessageContaining("403").hasMessageNotContaining("SELECT");
        }
    }

    @Test
    void lineageTakesTableEdgesFromSuccessfulJobsAndColumnsFromTheirSql() {
        jobHistory();
        QueryLogWindow window = new QueryLogWindow(t("2026-11-25T09:00:00Z"), t("2026-11-25T10:00:00Z"));
        CollectionReport report = new CollectionReport();
        List<LineageEvent> events;
        try (BigQuerySource source = source(NameFilter.ALL, false, "region-us", "region-europe-west4")) {
            events = drain(source.lineage(window, report));
        }
        Map<String, LineageEvent> byDest = events.stream().collect(Collectors.toMap(
                e -> e.destination().schema() + "." + e.destination().name(), e -> e, (a, b) -> a, LinkedHashMap::new));
        assertThat(byDest.keySet()).containsExactlyInAnyOrder("sales.order_totals", "sales.v_big_orders",
                "Marketing_EU.订单");
        assertThat(byDest).doesNotContainKey("sales.broken");

        LineageEvent totals = byDest.get("sales.order_totals");
        assertThat(totals.destination().database()).isEqualTo(PROJECT);
        assertThat(totals.sources()).extracting(LineageAssetRef::name).containsExactlyInAnyOrder("orders", "customers");
        assertThat(totals.fields()).as("column lineage from the INSERT's SELECT list").isNotEmpty();
        assertThat(totals.fields().stream().filter(f -> f.name().equals("total")).findFirst().orElseThrow()
                .sourceFields()).extracting(s -> s.fieldName()).containsExactly("total");

        LineageEvent view = byDest.get("sales.v_big_orders");
        assertThat(view.destination().type()).isEqualTo("VIEW");
        assertThat(view.sources()).extracting(LineageAssetRef::name).containsExactly("orders");

        LineageEvent merge = byDest.get("Marketing_EU.订单");
        assertThat(merge.sources()).extracting(LineageAssetRef::schema, LineageAssetRef::name)
                .contains(org.assertj.core.groups.Tuple.tuple("sales", "orders"));
        assertThat(report.get("jobs analysed")).isEqualTo(2);
        assertThat(standIn.queries.stream().filter(q -> q.sql().contains("INFORMATION_SCHEMA.JOBS")))
                .allSatisfy(q -> assertThat(q.sql()).contains("@done"));
    }

    @Test
    void anUnreachableEndpointIsAConnectionErrorNamingHostAndProject() throws Exception {
        // not a port found free and closed again: another process on this machine may take that one
        // before the source connects; nothing listens on port 1
        BigQueryConfig config = new BigQueryConfig(PROJECT, List.of(PROJECT), List.of("region-us"),
                com.google.cloud.NoCredentials.getInstance(), "no credentials (test)", "http://127.0.0.1:1",
                NameFilter.ALL, false, 1);
        try (BigQuerySource source = new BigQuerySource(config);
                EventStream<RelationalAsset> s = source.metadata(new CollectionReport())) {
            assertThatThrownBy(s::next).isInstanceOf(SourceConnectionException.class)
                    .hasMessageContaining("127.0.0.1").hasMessageContaining(PROJECT);
        }
    }

    @Test
    void aProjectThatCannotBeListedIsAnErrorWhenItIsTheOnlyOne() {
        BigQueryConfig config = new BigQueryConfig(PROJECT, List.of("other-project-1"), List.of("region-us"),
                com.google.cloud.NoCredentials.getInstance(), "no credentials (test)", standIn.url(),
                NameFilter.ALL, false, 1);
        try (BigQuerySource source = new BigQuerySource(config);
                EventStream<RelationalAsset> s = source.metadata(new CollectionReport())) {
            assertThatThrownBy(s::next).isInstanceOf(SourceException.class).hasMessageContaining("other-project-1")
                    .hasMessageContaining("404");
        }
        assertThat(Arrays.asList(standIn.unknown.toArray())).isEmpty();
    }
}
