package io.mcpush.sdk.graphql;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The typed Monte Carlo GraphQL operations mcpush uses for validation and management (spec §15):
 * resolve tables, read metric points, check table and column lineage, count aggregated queries,
 * manage custom lineage, delete push-ingested tables and list warehouses. Every call goes through
 * one {@link GraphqlClient} (retries, error handling). Thread-safe; methods never return null
 * except where documented ({@link #getTable} for an unknown table).
 */
public final class MonteCarloApi {
    /** {@code expireAt} that makes custom lineage permanent; the API default expires it after 7 days. */
    public static final String PERMANENT = "9999-12-31";
    /** The API's limit of MCONs per {@code deletePushIngestedTables} call. */
    public static final int MAX_MCONS_PER_DELETE = 1000;
    /** Metric names of {@link #getMetrics}. */
    public static final String ROW_COUNT = "total_row_count";
    public static final String BYTE_COUNT = "total_byte_count";
    public static final String LAST_CHANGED_ON = "total_row_count_last_changed_on";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE_SELECTION = "mcon fullTableId displayName objectId "
            + "versions(first: 1) { edges { node { fields { name fieldType } } } } "
            + "thresholds { freshness { lower { value } upper { value } status } "
            + "size { lower { value } upper { value } status } }";
    private static final int PAGE_SIZE = 200;

    private final GraphqlClient client;

    public MonteCarloApi(GraphqlClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    public GraphqlClient client() {
        return client;
    }

    // ---- results ------------------------------------------------------------------------------

    /** A column of a table's current version. */
    public record Field(String name, String fieldType) {
    }

    /** One detector threshold; bounds are null when the detector has none yet. */
    public record Threshold(Double lower, Double upper, String status) {
    }

    /** Freshness and size detector thresholds; either may be null. */
    public record Thresholds(Threshold freshness, Threshold size) {
    }

    /**
     * A table as {@code getTable} returns it. {@code fields} are those of the current version
     * ({@code versions.edges[0]}), empty when there is none; {@code thresholds} may be null.
     */
    public record Table(String mcon, String fullTableId, String displayName, String objectId, List<Field> fields,
            Thresholds thresholds) {
        public Table {
            requireNonNull(mcon, "mcon is null");
            fields = List.copyOf(fields);
        }
    }

    /** One metric data point of {@code getMetricsV4}. */
    public record MetricPoint(double value, Instant measurementTimestamp) {
    }

    /** A node as lineage operations return it. */
    public record NodeRef(String mcon, String displayName, String objectType) {
    }

    /**
     * {@code getTableLineage}: the connected nodes and, per node, the MCONs directly connected to it.
     */
    public record TableLineage(List<NodeRef> connectedNodes, Map<String, List<String>> directlyConnected) {
        public TableLineage {
            connectedNodes = List.copyOf(connectedNodes);
            directlyConnected = Map.copyOf(directlyConnected);
        }

        /** Every MCON in {@code connectedNodes} or in any {@code directlyConnectedMcons} (the spec's check). */
        public Set<String> connectedMcons() {
            Set<String> out = new LinkedHashSet<>();
            connectedNodes.forEach(n -> out.add(n.mcon()));
            directlyConnected.values().forEach(out::addAll);
            return out;
        }
    }

    /** One downstream table of a source column, with the destination columns derived from it. */
    public record DerivedTable(String mcon, String displayName, List<String> columns) {
        public DerivedTable {
            columns = List.copyOf(columns);
        }
    }

    /** One aggregated query of {@code getAggregatedQueries}. */
    public record AggregatedQuery(String queryHash, long queryCount, String lastSeen) {
    }

    /** A lineage node as created or updated; {@code expireAt} as the API spells it. */
    public record LineageNode(String mcon, String displayName, String objectType, boolean isCustom, String expireAt) {
    }

    /** A lineage edge as created or updated. */
    public record LineageEdge(NodeRef source, NodeRef destination, boolean isCustom, String expireAt) {
    }

    /** What {@code deleteLineageNode} removed. */
    public record DeletedLineage(int objectsDeleted, int nodesDeleted, int edgesDeleted) {
    }

    /** What {@link #deletePushIngestedTables} removed over all its calls. */
    public record DeletedTables(int deletedCount, int mutations) {
    }

    /** A warehouse (resource) of the account: {@code uuid} is {@code MCD_RESOURCE_UUID}. */
    public record Warehouse(String uuid, String name, String connectionType) {
    }

    /** The key's user and the account's warehouses. */
    public record User(String email, List<Warehouse> warehouses) {
        public User {
            warehouses = List.copyOf(warehouses);
        }
    }

    /**
     * A node of a custom edge: {@code resourceId} or {@code resourceName} names the warehouse
     * (one of them should be set).
     */
    public record NodeInput(String objectType, String objectId, String resourceId, String resourceName) {
        public NodeInput {
            requireNonNull(objectType, "objectType is null");
            requireNonNull(objectId, "objectId is null");
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("objectType", objectType);
            m.put("objectId", objectId);
            if (resourceId != null) {
                m.put("resourceId", resourceId);
            }
            if (resourceName != null) {
                m.put("resourceName", resourceName);
            }
            return m;
        }
    }

    // ---- operations ---------------------------------------------------------------------------

    /**
     * {@code getTable(fullTableId, dwId)}; null when Monte Carlo does not know the table (yet).
     *
     * @param fullTableId {@code database:schema.table}
     * @param dwId the resource (warehouse) UUID
     */
    public Table getTable(String fullTableId, String dwId) {
        requireNonNull(fullTableId, "fullTableId is null");
        requireNonNull(dwId, "dwId is null");
        JsonNode data = client.execute("query getTable($fullTableId: String, $dwId: UUID) { getTable(fullTableId: "
                + "$fullTableId, dwId: $dwId) { " + TABLE_SELECTION + " } }",
                Map.of("fullTableId", fullTableId, "dwId", dwId));
        return table(data.get("getTable"));
    }

    /** {@code getTable(mcon)}; null when there is no such table. */
    public Table getTableByMcon(String mcon) {
        requireNonNull(mcon, "mcon is null");
        JsonNode data = client.execute("query getTable($mcon: String) { getTable(mcon: $mcon) { "
                + TABLE_SELECTION + " } }", Map.of("mcon", mcon));
        return table(data.get("getTable"));
    }

    /** The full table id {@code database:schema.table} of the push payload's names. */
    public static String fullTableId(String database, String schema, String table) {
        return database + ":" + schema + "." + table;
    }

    /**
     * {@code getMetricsV4} points of {@code metricName} (e.g. {@link #ROW_COUNT}) measured in
     * [{@code start}, {@code end}], oldest first; {@code metricsJson} is parsed here.
     */
    public List<MetricPoint> getMetrics(String mcon, String metricName, Instant start, Instant end) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("mcon", mcon);
        vars.put("metricName", metricName);
        vars.put("startTime", start.toString());
        vars.put("endTime", end.toString());
        JsonNode data = client.execute("query getMetricsV4($dwId: UUID, $mcon: String!, $metricName: String!, "
                + "$startTime: DateTime!, $endTime: DateTime!) { getMetricsV4(dwId: $dwId, mcon: $mcon, metricName: "
                + "$metricName, startTime: $startTime, endTime: $endTime) { metricsJson } }", vars);
        JsonNode json = data.path("getMetricsV4").path("metricsJson");
        if (!json.isTextual() || json.asText().isBlank()) {
            return List.of();
        }
        JsonNode points;
        try {
            points = JSON.readTree(json.asText());
        } catch (IOException e) {
            throw new GraphqlException("getMetricsV4 returned metricsJson that is not JSON: " + e.getMessage(),
                    200, List.of());
        }
        List<MetricPoint> out = new ArrayList<>();
        for (JsonNode p : points) {
            JsonNode ts = p.get("measurementTimestamp");
            Instant at = ts == null || ts.isNull() ? null : parseInstant(ts);
            out.add(new MetricPoint(p.path("value").asDouble(), at));
        }
        out.sort((a, b) -> a.measurementTimestamp() == null || b.measurementTimestamp() == null ? 0
                : a.measurementTimestamp().compareTo(b.measurementTimestamp()));
        return out;
    }

    /** {@code getTableLineage(mcon, direction, hops)}; {@code direction} is "upstream" or "downstream". */
    public TableLineage getTableLineage(String mcon, String direction, int hops) {
        JsonNode data = client.execute("query getTableLineage($mcon: String!, $direction: String!, $hops: Int) { "
                + "getTableLineage(mcon: $mcon, direction: $direction, hops: $hops) { connectedNodes { mcon "
                + "displayName objectType } flattenedEdges { mcon directlyConnectedMcons } } }",
                Map.of("mcon", mcon, "direction", direction, "hops", hops));
        JsonNode l = data.path("getTableLineage");
        List<NodeRef> nodes = new ArrayList<>();
        for (JsonNode n : l.path("connectedNodes")) {
            nodes.add(nodeRef(n));
        }
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (JsonNode e : l.path("flattenedEdges")) {
            List<String> mcons = new ArrayList<>();
            e.path("directlyConnectedMcons").forEach(m -> mcons.add(m.asText()));
            edges.merge(e.path("mcon").asText(""), mcons, (a, b) -> {
                List<String> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            });
        }
        return new TableLineage(nodes, edges);
    }

    /**
     * {@code getDerivedTablesPartialLineage}: the tables and columns derived from the
     * <em>source</em> column {@code column} of {@code sourceMcon}.
     */
    public List<DerivedTable> getDerivedTablesPartialLineage(String sourceMcon, String column) {
        JsonNode data = client.execute("query getDerivedTablesPartialLineage($mcon: String!, $column: String!, "
                + "$pageSize: Int) { getDerivedTablesPartialLineage(mcon: $mcon, column: $column, pageSize: $pageSize) "
                + "{ destinations { table { mcon displayName } columns { columnName } } } }",
                Map.of("mcon", sourceMcon, "column", column, "pageSize", 1000));
        List<DerivedTable> out = new ArrayList<>();
        for (JsonNode d : data.path("getDerivedTablesPartialLineage").path("destinations")) {
            List<String> columns = new ArrayList<>();
            d.path("columns").forEach(c -> columns.add(c.path("columnName").asText()));
            out.add(new DerivedTable(d.path("table").path("mcon").asText(), text(d.path("table"), "displayName"),
                    columns));
        }
        return out;
    }

    /**
     * Every aggregated query of {@code mcon} and {@code queryType} ("read" or "write") in the window,
     * following {@code pageInfo.endCursor} until the last page.
     */
    public List<AggregatedQuery> getAggregatedQueries(String mcon, String queryType, Instant start, Instant end) {
        List<AggregatedQuery> out = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 10_000; page++) {
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("mcon", mcon);
            vars.put("queryType", queryType);
            vars.put("startTime", start.toString());
            vars.put("endTime", end.toString());
            vars.put("first", PAGE_SIZE);
            vars.put("after", after);
            JsonNode data = client.execute("query getAggregatedQueries($mcon: String!, $queryType: String!, "
                    + "$startTime: DateTime!, $endTime: DateTime!, $first: Int, $after: String) { getAggregatedQueries("
                    + "mcon: $mcon, queryType: $queryType, startTime: $startTime, endTime: $endTime, first: $first, "
                    + "after: $after) { edges { node { queryHash queryCount lastSeen } } pageInfo { hasNextPage "
                    + "endCursor } } }", vars);
            JsonNode c = data.path("getAggregatedQueries");
            for (JsonNode e : c.path("edges")) {
                JsonNode n = e.path("node");
                out.add(new AggregatedQuery(text(n, "queryHash"), n.path("queryCount").asLong(), text(n, "lastSeen")));
            }
            JsonNode info = c.path("pageInfo");
            String cursor = text(info, "endCursor");
            if (!info.path("hasNextPage").asBoolean(false) || cursor == null || cursor.equals(after)) {
                return out;
            }
            after = cursor;
        }
        throw new GraphqlException("getAggregatedQueries did not reach its last page after 10000 pages", 200, List.of());
    }

    /**
     * Creates or updates a custom lineage node (upsert key: objectType + objectId + resource).
     *
     * @param resourceId the warehouse UUID, or null when {@code resourceName} is given
     * @param name display name, may be null
     * @param expireAt null for {@link #PERMANENT} (never the API's silent 7-day default)
     */
    public LineageNode createOrUpdateLineageNode(String objectType, String objectId, String resourceId,
            String resourceName, String name, String expireAt) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("objectType", requireNonNull(objectType, "objectType is null"));
        vars.put("objectId", requireNonNull(objectId, "objectId is null"));
        vars.put("resourceId", resourceId);
        vars.put("resourceName", resourceName);
        vars.put("name", name);
        vars.put("expireAt", expireAt == null ? PERMANENT : expireAt);
        JsonNode data = client.execute("mutation createOrUpdateLineageNode($objectType: String!, $objectId: String!, "
                + "$resourceId: UUID, $resourceName: String, $name: String, $expireAt: DateTime) { "
                + "createOrUpdateLineageNode(objectType: $objectType, objectId: $objectId, resourceId: $resourceId, "
                + "resourceName: $resourceName, name: $name, expireAt: $expireAt) { node { mcon displayName objectType "
                + "isCustom expireAt } } }", vars);
        JsonNode n = data.path("createOrUpdateLineageNode").path("node");
        return new LineageNode(text(n, "mcon"), text(n, "displayName"), text(n, "objectType"),
                n.path("isCustom").asBoolean(), text(n, "expireAt"));
    }

    /**
     * Creates or updates a custom edge: {@code destination} is downstream of {@code source}.
     *
     * @param expireAt null for {@link #PERMANENT}
     */
    public LineageEdge createOrUpdateLineageEdge(NodeInput source, NodeInput destination, String expireAt) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("source", requireNonNull(source, "source is null").toMap());
        vars.put("destination", requireNonNull(destination, "destination is null").toMap());
        vars.put("expireAt", expireAt == null ? PERMANENT : expireAt);
        JsonNode data = client.execute("mutation createOrUpdateLineageEdge($source: NodeInput!, $destination: "
                + "NodeInput!, $expireAt: DateTime) { createOrUpdateLineageEdge(source: $source, destination: "
                + "$destination, expireAt: $expireAt) { edge { source { mcon displayName objectType } destination { "
                + "mcon displayName objectType } isCustom expireAt } } }", vars);
        JsonNode e = data.path("createOrUpdateLineageEdge").path("edge");
        return new LineageEdge(nodeRef(e.path("source")), nodeRef(e.path("destination")),
                e.path("isCustom").asBoolean(), text(e, "expireAt"));
    }

    /** Deletes a lineage node with all its edges; irreversible. */
    public DeletedLineage deleteLineageNode(String mcon) {
        JsonNode data = client.execute("mutation deleteLineageNode($mcon: String!) { deleteLineageNode(mcon: $mcon) "
                + "{ objectsDeleted nodesDeleted edgesDeleted } }", Map.of("mcon", requireNonNull(mcon, "mcon is null")));
        JsonNode d = data.path("deleteLineageNode");
        return new DeletedLineage(d.path("objectsDeleted").asInt(), d.path("nodesDeleted").asInt(),
                d.path("edgesDeleted").asInt());
    }

    /**
     * Deletes push-ingested tables, at most {@link #MAX_MCONS_PER_DELETE} MCONs per mutation
     * (larger lists are sent in several mutations, in order). Irreversible. A mutation answering
     * {@code success: false} stops here with a {@link GraphqlException}; earlier mutations stay done.
     */
    public DeletedTables deletePushIngestedTables(List<String> mcons) {
        requireNonNull(mcons, "mcons is null");
        int deleted = 0;
        int mutations = 0;
        for (int from = 0; from < mcons.size(); from += MAX_MCONS_PER_DELETE) {
            List<String> batch = mcons.subList(from, Math.min(mcons.size(), from + MAX_MCONS_PER_DELETE));
            JsonNode data = client.execute("mutation deletePushIngestedTables($mcons: [String!]!) { "
                    + "deletePushIngestedTables(mcons: $mcons) { success deletedCount } }",
                    Map.of("mcons", List.copyOf(batch)));
            mutations++;
            JsonNode d = data.path("deletePushIngestedTables");
            if (!d.path("success").asBoolean(false)) {
                throw new GraphqlException("deletePushIngestedTables refused mutation " + mutations + " ("
                        + batch.size() + " MCONs, starting at " + batch.get(0) + "); " + deleted
                        + " tables were deleted before it", 200, List.of());
            }
            deleted += d.path("deletedCount").asInt();
        }
        return new DeletedTables(deleted, mutations);
    }

    /** {@code getUser}: the key's user and the account's warehouses. */
    public User getUser() {
        JsonNode data = client.execute("query getUser { getUser { email account { warehouses { uuid name "
                + "connectionType } } } }", Map.of());
        JsonNode u = data.path("getUser");
        List<Warehouse> warehouses = new ArrayList<>();
        for (JsonNode w : u.path("account").path("warehouses")) {
            warehouses.add(new Warehouse(text(w, "uuid"), text(w, "name"), text(w, "connectionType")));
        }
        return new User(text(u, "email"), warehouses);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Table table(JsonNode t) {
        if (t == null || t.isNull() || !t.path("mcon").isTextual()) {
            return null;
        }
        List<Field> fields = new ArrayList<>();
        JsonNode edges = t.path("versions").path("edges");
        if (edges.isArray() && !edges.isEmpty()) {
            for (JsonNode f : edges.get(0).path("node").path("fields")) {
                fields.add(new Field(text(f, "name"), text(f, "fieldType")));
            }
        }
        JsonNode th = t.path("thresholds");
        Thresholds thresholds = th.isObject() ? new Thresholds(threshold(th.path("freshness")), threshold(th.path("size")))
                : null;
        return new Table(t.path("mcon").asText(), text(t, "fullTableId"), text(t, "displayName"), text(t, "objectId"),
                fields, thresholds);
    }

    private static Threshold threshold(JsonNode n) {
        if (!n.isObject()) {
            return null;
        }
        return new Threshold(number(n.path("lower").path("value")), number(n.path("upper").path("value")),
                text(n, "status"));
    }

    private static Double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : null;
    }

    private static NodeRef nodeRef(JsonNode n) {
        return new NodeRef(text(n, "mcon"), text(n, "displayName"), text(n, "objectType"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant parseInstant(JsonNode ts) {
        if (ts.isNumber()) {
            return Instant.ofEpochMilli((long) (ts.asDouble() * 1000));
        }
        String s = ts.asText();
        try {
            return Instant.parse(s);
        } catch (RuntimeException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (RuntimeException e2) {
                return java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC);
            }
        }
    }
}
