package io.mcpush.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.graphql.GraphqlClient;
import io.mcpush.sdk.graphql.GraphqlException;
import io.mcpush.sdk.graphql.MonteCarloApi;
import io.mcpush.sdk.graphql.MonteCarloApi.NodeInput;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.AssetFreshness;
import io.mcpush.sdk.model.AssetMetadata;
import io.mcpush.sdk.model.AssetVolume;
import io.mcpush.sdk.model.ColumnLineageField;
import io.mcpush.sdk.model.ColumnLineageSourceField;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.push.IngestionClient;
import io.mcpush.sdk.push.RetryPolicy;
import io.mcpush.sdk.push.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emulated GraphQL API, driven through the SDK's {@link MonteCarloApi} over HTTP, after SDK pushes. */
class GraphqlIT {
    private static final String API_ID = "api-key";
    private static final String API_TOKEN = "api-s3cret-value";
    private static final String DB = "SHOP";

    private Emulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private Emulator start(EmulatorConfig.Builder b) {
        emulator = Emulator.start(b.port(0).key(new IngestKey(Gateway.ID, Gateway.TOKEN))
                .graphqlKey(new GraphqlKey(API_ID, API_TOKEN)).build());
        return emulator;
    }

    private IngestionClient pusher() {
        return IngestionClient.builder().endpoint(emulator.baseUrl()).key(Gateway.ID, new Secret(Gateway.TOKEN)).build();
    }

    private MonteCarloApi api(String id, String token) {
        return new MonteCarloApi(GraphqlClient.builder().endpoint(emulator.graphqlUrl()).key(id, new Secret(token))
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(1)).build());
    }

    private MonteCarloApi api() {
        return api(API_ID, API_TOKEN);
    }

    private static RelationalAsset table(String schema, String name, long rows, String changed) {
        return new RelationalAsset("TABLE", new AssetMetadata(name, DB, schema), List.of(),
                List.of(new AssetField("ID", "NUMBER"), new AssetField("NAME", "VARCHAR")),
                new AssetVolume(rows, 1024L), new AssetFreshness(changed));
    }

    private void pushShop() {
        try (IngestionClient c = pusher()) {
            c.sendMetadata(Gateway.RESOURCE, "snowflake", List.of(table("RAW", "ORDERS", 10, "2026-11-25T09:00:00Z"),
                    table("MART", "ORDER_FACTS", 5, "2026-11-25T09:30:00Z")));
            LineageAssetRef orders = new LineageAssetRef("TABLE", "ORDERS", DB, "RAW", "o");
            LineageAssetRef facts = new LineageAssetRef("TABLE", "ORDER_FACTS", DB, "MART", "d");
            c.sendLineage(Gateway.RESOURCE, "snowflake", List.of(new LineageEvent(facts, List.of(orders),
                    List.of(new ColumnLineageField("ID", List.of(new ColumnLineageSourceField("o", "ID")))))));
        }
    }

    @Test
    void pushedTablesResolveWithFieldsMetricsAndStableMcons() {
        start(EmulatorConfig.builder());
        pushShop();
        MonteCarloApi api = api();

        MonteCarloApi.Table t = api.getTable("SHOP:RAW.ORDERS", Gateway.RESOURCE);
        assertThat(t).isNotNull();
        assertThat(t.mcon()).isEqualTo("MCON++" + PushedCatalog.ACCOUNT_UUID + "++" + Gateway.RESOURCE
                + "++table++shop:raw.orders");
        assertThat(t.fields()).extracting(MonteCarloApi.Field::name).containsExactly("ID", "NAME");
        assertThat(t.fields()).extracting(MonteCarloApi.Field::fieldType).containsExactly("NUMBER", "VARCHAR");
        assertThat(t.thresholds().size().status()).isEqualTo("training");
        assertThat(api.getTableByMcon(t.mcon()).fullTableId()).isEqualTo("SHOP:RAW.ORDERS");
        assertThat(api.getTable("SHOP:RAW.NOPE", Gateway.RESOURCE)).isNull();

        Instant from = Instant.now().minus(Duration.ofHours(1));
        Instant to = Instant.now().plus(Duration.ofHours(1));
        assertThat(api.getMetrics(t.mcon(), MonteCarloApi.ROW_COUNT, from, to))
                .extracting(MonteCarloApi.MetricPoint::value).containsExactly(10.0);
        assertThat(api.getMetrics(t.mcon(), MonteCarloApi.LAST_CHANGED_ON, from, to))
                .extracting(MonteCarloApi.MetricPoint::value)
                .containsExactly((double) Instant.parse("2026-11-25T09:00:00Z").getEpochSecond());
    }

    @Test
    void pushedTableAndColumnLineageIsVisibleFromBothSides() {
        start(EmulatorConfig.builder());
        pushShop();
        MonteCarloApi api = api();
        String orders = api.getTable("SHOP:RAW.ORDERS", Gateway.RESOURCE).mcon();
        String facts = api.getTable("SHOP:MART.ORDER_FACTS", Gateway.RESOURCE).mcon();

        assertThat(api.getTableLineage(facts, "upstream", 1).connectedMcons()).containsExactly(orders);
        assertThat(api.getTableLineage(orders, "upstream", 1).connectedMcons()).isEmpty();
        assertThat(api.getDerivedTablesPartialLineage(orders, "id"))
                .singleElement().satisfies(d -> {
                    assertThat(d.mcon()).isEqualTo(facts);
                    assertThat(d.columns()).containsExactly("ID");
                });
        assertThat(api.getDerivedTablesPartialLineage(facts, "ID")).isEmpty();
    }

    @Test
    void columnLineageExpiresAfterTenDaysButTheTableEdgeOfALineageEventDoesNot() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        start(EmulatorConfig.builder().clock(clockOf(now)));
        pushShop();
        try (IngestionClient c = pusher()) {
            c.sendLineage(Gateway.RESOURCE, "snowflake", List.of(new LineageEvent(
                    LineageAssetRef.table(DB, "MART", "ORDER_FACTS"), List.of(LineageAssetRef.table(DB, "RAW", "ORDERS")))));
        }
        MonteCarloApi api = api();
        String orders = api.getTable("SHOP:RAW.ORDERS", Gateway.RESOURCE).mcon();
        String facts = api.getTable("SHOP:MART.ORDER_FACTS", Gateway.RESOURCE).mcon();

        now.set(now.get().plus(Duration.ofDays(11)));

        assertThat(api.getDerivedTablesPartialLineage(orders, "ID")).isEmpty();
        assertThat(api.getTableLineage(facts, "upstream", 1).connectedMcons()).containsExactly(orders);
    }

    /** A clock that stands still until the test moves it, so no span depends on how fast this machine is. */
    private static Clock clockOf(AtomicReference<Instant> now) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    @Test
    void queryLogsCountOnlyAfterTheConfiguredDelay() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        start(EmulatorConfig.builder().clock(clockOf(now)).queryLogDelay(Duration.ofMinutes(15)));
        pushShop();
        Instant at = Instant.parse("2026-11-25T08:00:00Z");
        try (IngestionClient c = pusher()) {
            c.sendQueryLogs(Gateway.RESOURCE, "snowflake", List.of(
                    new QueryLogEntry(at, at.plusSeconds(2), "insert into shop.mart.order_facts select * from SHOP.RAW.ORDERS"),
                    new QueryLogEntry(at, at.plusSeconds(3), "select count(*) from orders"),
                    new QueryLogEntry(at, at.plusSeconds(4), "select count(*) from orders")));
        }
        MonteCarloApi api = api();
        String orders = api.getTable("SHOP:RAW.ORDERS", Gateway.RESOURCE).mcon();
        String facts = api.getTable("SHOP:MART.ORDER_FACTS", Gateway.RESOURCE).mcon();
        Instant from = at.minus(Duration.ofHours(1));
        Instant to = at.plus(Duration.ofHours(1));

        assertThat(api.getAggregatedQueries(orders, "read", from, to)).isEmpty();
        now.set(now.get().plus(Duration.ofMinutes(15)).minusNanos(1));
        assertThat(api.getAggregatedQueries(orders, "read", from, to)).as("a nanosecond before the delay is over")
                .isEmpty();
        now.set(now.get().plusNanos(1));

        List<MonteCarloApi.AggregatedQuery> reads = api.getAggregatedQueries(orders, "read", from, to);
        assertThat(reads).hasSize(2);
        assertThat(reads.stream().mapToLong(MonteCarloApi.AggregatedQuery::queryCount).sum()).isEqualTo(3);
        assertThat(api.getAggregatedQueries(facts, "write", from, to)).singleElement()
                .satisfies(q -> assertThat(q.queryCount()).isEqualTo(1));
        assertThat(api.getAggregatedQueries(facts, "read", from, to)).isEmpty();
    }

    @Test
    void aggregatedQueriesAttributeCtasInsertSelectAndMergeReadsAndWritesThroughTheLineageEngine() {
        start(EmulatorConfig.builder());
        try (IngestionClient c = pusher()) {
            c.sendMetadata(Gateway.RESOURCE, "snowflake", List.of(table("RAW", "ORDERS", 10, "2026-11-25T09:00:00Z"),
                    table("RAW", "CUSTOMERS", 3, "2026-11-25T09:00:00Z"),
                    table("MART", "ORDER_FACTS", 5, "2026-11-25T09:30:00Z"),
                    table("MART", "BIG_ORDERS", 1, "2026-11-25T09:30:00Z"),
                    table("MART", "CUSTOMER_DIM", 3, "2026-11-25T09:30:00Z")));
        }
        Instant at = Instant.parse("2026-11-25T08:00:00Z");
        try (IngestionClient c = pusher()) {
            c.sendQueryLogs(Gateway.RESOURCE, "snowflake", List.of(
                    // a comma join: the keyword placeholder saw only the first table after FROM
                    new QueryLogEntry(at, at.plusSeconds(1), "insert into shop.mart.order_facts (id, name) "
                            + "select o.id, c.name from shop.raw.orders o, shop.raw.customers c where o.id = c.id"),
                    // EXTRACT(... FROM col): the placeholder took the column CREATED for a table, and the CTE hid nothing
                    new QueryLogEntry(at, at.plusSeconds(2), "create table shop.mart.big_orders as with recent as "
                            + "(select id, extract(year from created) as y from shop.raw.orders) select id from recent"),
                    // MERGE from a subquery: reads the subquery's table, writes the target only
                    new QueryLogEntry(at, at.plusSeconds(3), "merge into shop.mart.customer_dim d using "
                            + "(select id, name from shop.raw.customers) s on d.id = s.id "
                            + "when matched then update set name = s.name "
                            + "when not matched then insert (id, name) values (s.id, s.name)")));
        }
        MonteCarloApi api = api();
        Instant from = at.minus(Duration.ofHours(1));
        Instant to = at.plus(Duration.ofHours(1));
        java.util.function.BiFunction<String, String, Long> count = (table, type) -> api.getAggregatedQueries(
                api.getTable(table, Gateway.RESOURCE).mcon(), type, from, to).stream()
                .mapToLong(MonteCarloApi.AggregatedQuery::queryCount).sum();

        assertThat(count.apply("SHOP:RAW.ORDERS", "read")).isEqualTo(2);
        assertThat(count.apply("SHOP:RAW.CUSTOMERS", "read")).isEqualTo(2);
        assertThat(count.apply("SHOP:RAW.ORDERS", "write")).isZero();
        assertThat(count.apply("SHOP:RAW.CUSTOMERS", "write")).isZero();
        assertThat(count.apply("SHOP:MART.ORDER_FACTS", "write")).isEqualTo(1);
        assertThat(count.apply("SHOP:MART.BIG_ORDERS", "write")).isEqualTo(1);
        assertThat(count.apply("SHOP:MART.CUSTOMER_DIM", "write")).isEqualTo(1);
        assertThat(count.apply("SHOP:MART.ORDER_FACTS", "read")).isZero();
        assertThat(count.apply("SHOP:MART.BIG_ORDERS", "read")).isZero();
        assertThat(count.apply("SHOP:MART.CUSTOMER_DIM", "read")).isZero();
    }

    @Test
    void aggregatedQueriesArePagedWithEndCursor() {
        start(EmulatorConfig.builder());
        pushShop();
        Instant at = Instant.parse("2026-11-25T08:00:00Z");
        List<QueryLogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            entries.add(new QueryLogEntry(at, at.plusSeconds(1), "select " + i + " from SHOP.RAW.ORDERS"));
        }
        try (IngestionClient c = pusher()) {
            c.sendQueryLogs(Gateway.RESOURCE, "snowflake", entries);
        }
        MonteCarloApi api = api();
        String orders = api.getTable("SHOP:RAW.ORDERS", Gateway.RESOURCE).mcon();

        assertThat(api.getAggregatedQueries(orders, "read", at.minusSeconds(60), at.plusSeconds(60)))
                .hasSize(450).extracting(MonteCarloApi.AggregatedQuery::queryHash).doesNotHaveDuplicates();
    }

    @Test
    void customNodesAndEdgesArePermanentByDefaultThroughTheSdkAndCanBeDeleted() {
        start(EmulatorConfig.builder().warehouse(new EmulatedWarehouse(Gateway.RESOURCE, "prod", "snowflake")));
        pushShop();
        MonteCarloApi api = api();
        MonteCarloApi.LineageNode report = api.createOrUpdateLineageNode("report", "weekly-sales", null, "prod",
                "Weekly sales", null);
        assertThat(report.isCustom()).isTrue();
        assertThat(report.expireAt()).startsWith("9999-12-31");

        MonteCarloApi.LineageEdge edge = api.createOrUpdateLineageEdge(
                new NodeInput("table", "SHOP:MART.ORDER_FACTS", Gateway.RESOURCE, null),
                new NodeInput("report", "weekly-sales", null, "prod"), null);
        assertThat(edge.destination().mcon()).isEqualTo(report.mcon());
        assertThat(api.getTableLineage(report.mcon(), "upstream", 1).connectedMcons())
                .containsExactly(api.getTable("SHOP:MART.ORDER_FACTS", Gateway.RESOURCE).mcon());

        assertThat(api.deleteLineageNode(report.mcon()).edgesDeleted()).isEqualTo(1);
        assertThatThrownBy(() -> api.getTableLineage(report.mcon(), "upstream", 1))
                .isInstanceOf(GraphqlException.class).hasMessageContaining("no lineage node");
    }

    @Test
    void deletingMoreThanAThousandMconsInOneMutationIsRefused() {
        start(EmulatorConfig.builder());
        pushShop();
        List<String> mcons = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            mcons.add("MCON++x++y++table++t" + i);
        }
        MonteCarloApi api = api();

        assertThatThrownBy(() -> api.client().execute("mutation d($m: [String!]!) { deletePushIngestedTables(mcons: $m) "
                + "{ success deletedCount } }", java.util.Map.of("m", mcons)))
                .isInstanceOf(GraphqlException.class)
                .hasMessageContaining("at most 1000 MCONs per call, got 1001");
    }

    @Test
    void deletionIsAllOrNothingAndTheSdkBatchesAboveAThousand() {
        start(EmulatorConfig.builder());
        pushShop();
        MonteCarloApi api = api();
        String orders = api.getTable("SHOP:RAW.ORDERS", Gateway.RESOURCE).mcon();

        assertThatThrownBy(() -> api.deletePushIngestedTables(List.of(orders, "MCON++unknown")))
                .isInstanceOf(GraphqlException.class).hasMessageContaining("nothing was deleted");
        assertThat(api.getTable("SHOP:RAW.ORDERS", Gateway.RESOURCE)).isNotNull();

        List<RelationalAsset> many = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            many.add(new RelationalAsset("TABLE", new AssetMetadata("T" + i, DB, "BULK")));
        }
        try (IngestionClient c = pusher()) {
            c.sendMetadata(Gateway.RESOURCE, "snowflake", many);
        }
        List<String> mcons = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            mcons.add(PushedCatalog.tableMcon(Gateway.RESOURCE, "SHOP:BULK.T" + i));
        }
        MonteCarloApi.DeletedTables deleted = api.deletePushIngestedTables(mcons);
        assertThat(deleted.deletedCount()).isEqualTo(1500);
        assertThat(deleted.mutations()).isEqualTo(2);
        assertThat(api.getTable("SHOP:BULK.T7", Gateway.RESOURCE)).isNull();
    }

    @Test
    void anIngestionKeyIsRefusedByTheGraphqlApiWithAClearMessageAndNoSecret() {
        start(EmulatorConfig.builder());

        assertThatThrownBy(() -> api(Gateway.ID, Gateway.TOKEN).getUser())
                .isInstanceOf(GraphqlException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("MCD_ID/MCD_TOKEN")
                .hasMessageContaining("ingestion key")
                .hasMessageNotContaining(Gateway.TOKEN);
        assertThatThrownBy(() -> api(API_ID, "wrong-token").getUser())
                .isInstanceOf(GraphqlException.class).hasMessageContaining("do not match a GraphQL API key");
    }

    @Test
    void getUserListsConfiguredWarehousesOrElseThePushedResources() {
        start(EmulatorConfig.builder());
        pushShop();
        assertThat(api().getUser().warehouses()).containsExactly(
                new MonteCarloApi.Warehouse(Gateway.RESOURCE, "emulated snowflake", "snowflake"));
    }

    @Test
    void aMalformedOperationComesBackAsAGraphqlExceptionWithTheMessages() {
        start(EmulatorConfig.builder());

        assertThatThrownBy(() -> api().client().execute("query { getNothing { x } }", null))
                .isInstanceOf(GraphqlException.class)
                .satisfies(e -> assertThat(((GraphqlException) e).errors()).isNotEmpty())
                .hasMessageContaining("getNothing");
    }
}
