package io.mcpush.emulator;

import static io.mcpush.emulator.Gateway.ID;
import static io.mcpush.emulator.Gateway.ORDERS;
import static io.mcpush.emulator.Gateway.QUERY;
import static io.mcpush.emulator.Gateway.TABLE_EDGE;
import static io.mcpush.emulator.Gateway.TOKEN;
import static io.mcpush.emulator.Gateway.lineage;
import static io.mcpush.emulator.Gateway.message;
import static io.mcpush.emulator.Gateway.metadata;
import static io.mcpush.emulator.Gateway.q;
import static io.mcpush.emulator.Gateway.queryLogs;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every body here differs from the pycarlo SDK's shape in one place; the 400 names that place. */
class PayloadShapeIT {
    private static final String META = "/ingest/v1/metadata";
    private static final String LINEAGE = "/ingest/v1/lineage";
    private static final String LOGS = "/ingest/v1/querylogs";
    private static Emulator emulator;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder().key(new IngestKey(ID, TOKEN)).build());
        gateway = new Gateway(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String asset(String metadataExtra, String assetExtra) {
        return "{'type': 'TABLE', 'metadata': {'name': 'ORDERS', 'database': 'SALES', 'schema': 'CORE'" + metadataExtra
                + "}" + assetExtra + "}";
    }

    private static String edge(String sourceExtra, String eventExtra) {
        return "{'destination': {'type': 'TABLE', 'name': 'F', 'database': 'D', 'schema': 'S'},"
                + " 'sources': [{'type': 'TABLE', 'name': 'O', 'database': 'D', 'schema': 'S', 'asset_id': 's1'},"
                + " {'type': 'TABLE', 'name': 'P', 'database': 'D', 'schema': 'S'" + sourceExtra + "}]" + eventExtra + "}";
    }

    static Stream<Arguments> shapeProblems() {
        return Stream.of(
                Arguments.of("native table type", META,
                        metadata(ORDERS, ORDERS, ORDERS, ORDERS.replace("'TABLE'", "'BASE TABLE'")),
                        "events[3].relational_asset.type must be TABLE or VIEW, got 'BASE TABLE'"),
                Arguments.of("log type Monte Carlo does not take", LOGS, queryLogs("postgres", QUERY),
                        "resource.log_type 'postgres' is not supported (supported: snowflake, bigquery, databricks,"
                                + " redshift, hive-s3, athena, teradata, clickhouse, databricks-metastore-sql-warehouse,"
                                + " s3, presto-s3)"),
                Arguments.of("null optional value", LINEAGE, lineage("LINEAGE", edge(", 'asset_id': null", "")),
                        "events[0].sources[1].asset_id is null; the SDK omits absent values"),
                Arguments.of("null required value", META, metadata(asset("", ", 'fields': [{'name': 'A', 'type': null}]")),
                        "events[0].relational_asset.fields[0].type is null; it is required"),
                Arguments.of("docs' RELATIONAL_ASSET event type", META,
                        metadata(ORDERS).replace("\"METADATA\"", "\"RELATIONAL_ASSET\""),
                        "event_type 'RELATIONAL_ASSET' is the docs' variant; the SDK sends METADATA to /ingest/v1/metadata"),
                Arguments.of("docs' bare asset", META, metadata(ORDERS).replace("{\"relational_asset\": ", "").replace("}}]}", "}]}"),
                        "events[0].type is not a field of a metadata event; the SDK sends each asset wrapped as"
                                + " {\"relational_asset\": {...}}"),
                Arguments.of("docs' single source", LINEAGE,
                        lineage("LINEAGE", "{'destination': {'type': 'TABLE', 'name': 'F', 'database': 'D', 'schema': 'S'},"
                                + " 'source': {'type': 'TABLE', 'name': 'O', 'database': 'D', 'schema': 'S'}}"),
                        "events[0].source is not a field of LineageEvent; the SDK sends sources: [ref, ...]"),
                Arguments.of("docs' col_mappings", LINEAGE,
                        lineage("COLUMN_LINEAGE", edge("", ", 'col_mappings': [{'destination_col': 'X', 'source_cols': ['Y']}]")),
                        "events[0].col_mappings is not a field of LineageEvent; the SDK sends column lineage as fields"),
                Arguments.of("docs' table= in a ref", LINEAGE,
                        lineage("LINEAGE", TABLE_EDGE.replace("'name': 'ORDERS'", "'table': 'ORDERS'")),
                        "events[0].sources[0].table is not a field of LineageAssetRef; the SDK sends the table name as name"),
                Arguments.of("unknown key", META, metadata(asset(", 'owner': 'me'", "")),
                        "events[0].relational_asset.metadata.owner is not a field of AssetMetadata (fields: name,"
                                + " database, schema, description, view_query, created_on)"),
                Arguments.of("empty optional list", META, metadata(asset("", ", 'tags': []")),
                        "events[0].relational_asset.tags is empty; the SDK omits empty lists"),
                Arguments.of("count as a string", META, metadata(asset("", ", 'volume': {'row_count': '12'}")),
                        "events[0].relational_asset.volume.row_count must be a non-negative integer, got a string"),
                Arguments.of("negative count", META, metadata(asset("", ", 'volume': {'byte_count': -1}")),
                        "events[0].relational_asset.volume.byte_count must be a non-negative integer, got -1"),
                Arguments.of("missing required key", META,
                        metadata("{'type': 'TABLE', 'metadata': {'name': 'ORDERS', 'database': 'SALES'}}"),
                        "events[0].relational_asset.metadata.schema is missing; AssetMetadata requires it"),
                Arguments.of("freshness without a zone", META,
                        metadata(asset("", ", 'freshness': {'last_update_time': '2026-11-25T10:00:00'}")),
                        "events[0].relational_asset.freshness.last_update_time '2026-11-25T10:00:00' has no time zone"),
                Arguments.of("no events", META, metadata(),
                        "events is empty; the SDK never sends a request without events"),
                Arguments.of("event type of another endpoint", META, metadata(ORDERS).replace("\"METADATA\"", "\"LINEAGE\""),
                        "event_type 'LINEAGE' does not belong on /ingest/v1/metadata (expected METADATA)"),
                Arguments.of("column mappings sent as LINEAGE", LINEAGE,
                        lineage("LINEAGE", TABLE_EDGE, edge("", ", 'fields': [{'name': 'X', 'source_fields':"
                                + " [{'asset_id': 's1', 'field_name': 'Y'}]}]")),
                        "events[1].fields holds column lineage but event_type is LINEAGE; send such events as COLUMN_LINEAGE"),
                Arguments.of("column mapping from no source", LINEAGE,
                        lineage("COLUMN_LINEAGE", edge("", ", 'fields': [{'name': 'X', 'source_fields':"
                                + " [{'asset_id': 's1', 'field_name': 'Y'}, {'asset_id': 's9', 'field_name': 'Z'}]}]")),
                        "events[0].fields[0].source_fields[1].asset_id 's9' names none of this event's sources"
                                + " (their asset_ids: s1)"),
                Arguments.of("lineage without sources", LINEAGE,
                        lineage("LINEAGE", "{'destination': {'type': 'TABLE', 'name': 'F', 'database': 'D', 'schema': 'S'},"
                                + " 'sources': []}"),
                        "events[0].sources is empty; a lineage event needs at least one source"),
                Arguments.of("unknown ref type", LINEAGE, lineage("LINEAGE", TABLE_EDGE.replace("'TABLE', 'name': 'ORDER_FACTS'",
                                "'MODEL', 'name': 'ORDER_FACTS'")),
                        "events[0].destination.type must be TABLE, VIEW, EXTERNAL or WILDCARD, got 'MODEL'"),
                Arguments.of("offset instead of Z", LOGS, queryLogs("snowflake", QUERY.replace("08:00:00Z", "08:00:00+00:00")),
                        "events[0].start_time '2026-11-25T08:00:00+00:00' is not a UTC timestamp in the SDK's form"),
                Arguments.of("nanosecond fraction", LOGS, queryLogs("snowflake", QUERY, QUERY.replace("04.250000Z", "04.250000001Z")),
                        "events[1].end_time '2026-11-25T08:00:04.250000001Z' is not a UTC timestamp in the SDK's form"),
                Arguments.of("missing end_time", LOGS, queryLogs("snowflake", "{'start_time': '2026-11-25T08:00:00Z', 'query_text': 'x'}"),
                        "events[0].end_time is missing; QueryLogEntry requires it"),
                Arguments.of("fractional error code", LOGS, queryLogs("snowflake", QUERY.replace("}", ", 'error_code': 1.5}")),
                        "events[0].error_code must be a string or an integer, got a fractional number"),
                Arguments.of("vendor extra at top level", LOGS, queryLogs("snowflake", QUERY.replace("}", ", 'warehouse_name': 'WH'}")),
                        "events[0].warehouse_name is not a field of QueryLogEntry; vendor-specific keys go under extra"),
                Arguments.of("query text as a number", LOGS, queryLogs("snowflake", QUERY.replace("'select 1'", "7")),
                        "events[0].query_text must be a string, got an integer"),
                Arguments.of("extra as a list", LOGS, queryLogs("snowflake", QUERY.replace("}", ", 'extra': []}")),
                        "events[0].extra must be an object, got an array"),
                Arguments.of("log_type on metadata", META, metadata(ORDERS).replace("resource_type", "log_type"),
                        "resource.log_type is not a field of resource for /ingest/v1/metadata; metadata and lineage"
                                + " name their source with resource_type"),
                Arguments.of("resource_type on query logs", LOGS, queryLogs("snowflake", QUERY).replace("log_type", "resource_type"),
                        "resource.resource_type is not a field of resource for /ingest/v1/querylogs; query logs name"
                                + " their source with log_type"),
                Arguments.of("upper-case resource type", META, metadata(ORDERS).replace("\"snowflake\"", "\"Snowflake\""),
                        "resource.resource_type 'Snowflake' must be lower case, e.g. 'snowflake'"),
                Arguments.of("missing resource uuid", META, metadata(ORDERS).replace(q("'uuid': '" + Gateway.RESOURCE + "', "), ""),
                        "resource.uuid is missing; resource for /ingest/v1/metadata requires it"),
                Arguments.of("extra envelope key", LINEAGE, lineage("LINEAGE", TABLE_EDGE).replace("{\"event_type\"",
                                "{\"event_time\": \"2026-11-25T08:00:00Z\", \"event_type\""),
                        "event_time is not a field of the request (fields: event_type, resource, events)"),
                Arguments.of("events not a list", META, q("{'event_type': 'METADATA', 'resource': {'uuid': 'u',"
                                + " 'resource_type': 'snowflake'}, 'events': {}}"),
                        "events must be an array, got an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapeProblems")
    void answers400NamingTheJsonPathOfTheFirstProblem(String problem, String path, String body, String expected)
            throws Exception {
        HttpResponse<String> response = gateway.post(path, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(message(response)).startsWith(expected);
    }
}
