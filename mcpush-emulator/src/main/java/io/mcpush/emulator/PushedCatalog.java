package io.mcpush.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.graphql.QueryTableExtractor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What Monte Carlo would know from the pushes the gateway accepted, as the emulated GraphQL API
 * answers it: tables with MCONs, versions of their fields and metric points, the lineage graph
 * (pushed table and column edges, custom nodes and edges, each with an expiry) and the pushed
 * query logs. Answers are plain maps and lists in the shape of the GraphQL schema
 * ({@code graphql/schema.graphqls}). Thread-safe: every method holds the catalog's lock.
 *
 * <p>MCONs are stable and derived from the names: {@code MCON++<account>++<resource>++table++<db>:<schema>.<table>}
 * (lower case) for tables, {@code MCON++<account>++<resource>++<objectType>++<objectId>} for custom nodes.
 */
final class PushedCatalog {
    static final String ACCOUNT_UUID = "7a3e5c2d-0000-4000-8000-00000000ac01";
    static final Duration COLUMN_LINEAGE_LIFETIME = Duration.ofDays(10);
    static final Duration CUSTOM_LINEAGE_DEFAULT_LIFETIME = Duration.ofDays(7);
    static final int MAX_DELETE_MCONS = 1000;
    /** Stored for "never expires", as Monte Carlo stores 9999-12-31. */
    static final Instant NEVER = Instant.parse("9999-12-31T00:00:00Z");

    /** A GraphQL error the caller made; its message goes back in {@code errors}. */
    static final class CatalogException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CatalogException(String message) {
            super(message);
        }
    }

    private static final class Table {
        final String resourceUuid;
        final String database;
        final String schema;
        final String name;
        final String mcon;
        /** Newest first; each is the field list of one metadata push that carried fields. */
        final Deque<List<Map<String, Object>>> versions = new ArrayDeque<>();
        final Map<String, List<Map<String, Object>>> metrics = new HashMap<>();
        final Set<String> freshnessValues = new HashSet<>();

        Table(String resourceUuid, String database, String schema, String name) {
            this.resourceUuid = resourceUuid;
            this.database = database;
            this.schema = schema;
            this.name = name;
            this.mcon = tableMcon(resourceUuid, fullTableId());
        }

        String fullTableId() {
            return database + ":" + schema + "." + name;
        }
    }

    private record Node(String mcon, String objectType, String objectId, String resourceUuid, String displayName,
            boolean custom, Instant expireAt) {
    }

    private record EdgeKey(String source, String destination) {
    }

    private record Edge(Instant expireAt, boolean custom) {
    }

    private record ColumnKey(String source, String sourceColumn, String destination, String destinationColumn) {
    }

    private record QueryLog(String resourceUuid, String text, String hash, Instant start, Instant end,
            Instant visibleAt, QueryTableExtractor.TableNames tables) {
    }

    private final Clock clock;
    private final Duration queryLogDelay;
    /** The log type's extractor: which tables a pushed query reads and writes. */
    private final Function<String, ? extends QueryTableExtractor> extractors;
    private final List<EmulatedWarehouse> configuredWarehouses;
    /** resource UUID → resource_type seen in metadata/lineage pushes (log_type for query logs only). */
    private final Map<String, String> pushedResources = new LinkedHashMap<>();
    private final Map<String, Table> tablesByKey = new LinkedHashMap<>();
    private final Map<String, Table> tablesByMcon = new HashMap<>();
    private final Map<String, Node> customNodes = new LinkedHashMap<>();
    private final Map<EdgeKey, Edge> edges = new LinkedHashMap<>();
    private final Map<ColumnKey, Instant> columnEdges = new LinkedHashMap<>();
    private final List<QueryLog> queryLogs = new ArrayList<>();

    PushedCatalog(Clock clock, Duration queryLogDelay, Function<String, ? extends QueryTableExtractor> extractors,
            List<EmulatedWarehouse> warehouses) {
        this.clock = clock;
        this.queryLogDelay = queryLogDelay;
        this.extractors = extractors;
        this.configuredWarehouses = List.copyOf(warehouses);
    }

    static String tableMcon(String resourceUuid, String fullTableId) {
        return "MCON++" + ACCOUNT_UUID + "++" + resourceUuid + "++table++" + fullTableId.toLowerCase(Locale.ROOT);
    }

    private static String key(String resourceUuid, String fullTableId) {
        return resourceUuid.toLowerCase(Locale.ROOT) + "|" + fullTableId.toLowerCase(Locale.ROOT);
    }

    // ---- recording pushes ---------------------------------------------------------------------

    /** Takes in one accepted request (a no-op when its body was not kept). */
    synchronized void record(StoredRequest request) {
        JsonNode body = request.body();
        if (body == null) {
            return;
        }
        String resource = request.resourceUuid();
        Instant at = request.receivedAt();
        if (Flow.QUERY_LOGS.path().equals(request.path())) {
            pushedResources.putIfAbsent(resource, request.resourceValue());
            QueryTableExtractor extractor = extractors.apply(request.resourceValue());
            for (JsonNode e : body.path("events")) {
                String text = e.path("query_text").asText("");
                queryLogs.add(new QueryLog(resource, text, hash(text), instant(e.path("start_time").asText(null), at),
                        instant(e.path("end_time").asText(null), at), at.plus(queryLogDelay), extractor.tables(text)));
            }
            return;
        }
        pushedResources.put(resource, request.resourceValue());
        if (Flow.METADATA.path().equals(request.path())) {
            for (JsonNode e : body.path("events")) {
                recordAsset(resource, e.has("relational_asset") ? e.get("relational_asset") : e, at);
            }
        } else if (Flow.LINEAGE.path().equals(request.path())) {
            for (JsonNode e : body.path("events")) {
                recordLineage(resource, e, at);
            }
        }
    }

    private Table table(String resource, String database, String schema, String name) {
        String full = database + ":" + schema + "." + name;
        return tablesByKey.computeIfAbsent(key(resource, full), k -> {
            Table t = new Table(resource, database, schema, name);
            tablesByMcon.put(t.mcon, t);
            return t;
        });
    }

    private Table table(String resource, JsonNode ref) {
        return table(resource, ref.path("database").asText(), ref.path("schema").asText(), ref.path("name").asText());
    }

    private void recordAsset(String resource, JsonNode asset, Instant at) {
        JsonNode meta = asset.path("metadata");
        Table t = table(resource, meta);
        JsonNode fields = asset.path("fields");
        if (fields.isArray() && !fields.isEmpty()) {
            List<Map<String, Object>> version = new ArrayList<>();
            for (JsonNode f : fields) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", f.path("name").asText());
                m.put("fieldType", f.path("type").asText());
                m.put("description", f.path("description").isTextual() ? f.path("description").asText() : null);
                version.add(m);
            }
            t.versions.addFirst(version);
        }
        JsonNode volume = asset.path("volume");
        if (volume.path("row_count").isNumber()) {
            point(t, "total_row_count", volume.path("row_count").asDouble(), at);
        }
        if (volume.path("byte_count").isNumber()) {
            point(t, "total_byte_count", volume.path("byte_count").asDouble(), at);
        }
        JsonNode freshness = asset.path("freshness").path("last_update_time");
        if (freshness.isTextual()) {
            Instant changed = instant(freshness.asText(), null);
            // like Monte Carlo, an unchanged last_update_time adds no freshness sample
            if (changed != null && t.freshnessValues.add(changed.toString())) {
                point(t, "total_row_count_last_changed_on", changed.getEpochSecond() + changed.getNano() / 1e9, at);
            }
        }
    }

    private static void point(Table t, String metric, double value, Instant at) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("value", value);
        p.put("measurementTimestamp", at.toString());
        t.metrics.computeIfAbsent(metric, k -> new ArrayList<>()).add(p);
    }

    private void recordLineage(String resource, JsonNode event, Instant at) {
        Table destination = table(resource, event.path("destination"));
        JsonNode fields = event.path("fields");
        boolean column = fields.isArray() && !fields.isEmpty();
        Instant expireAt = column ? at.plus(COLUMN_LINEAGE_LIFETIME) : NEVER;
        Map<String, Table> byAssetId = new HashMap<>();
        for (JsonNode s : event.path("sources")) {
            Table source = table(resource, s);
            if (s.path("asset_id").isTextual()) {
                byAssetId.put(s.path("asset_id").asText(), source);
            }
            edges.merge(new EdgeKey(source.mcon, destination.mcon), new Edge(expireAt, false),
                    (old, now) -> new Edge(later(old.expireAt(), now.expireAt()), old.custom()));
        }
        if (column) {
            for (JsonNode f : fields) {
                String destinationColumn = f.path("name").asText();
                for (JsonNode sf : f.path("source_fields")) {
                    Table source = byAssetId.get(sf.path("asset_id").asText());
                    if (source != null) {
                        columnEdges.merge(new ColumnKey(source.mcon, sf.path("field_name").asText(), destination.mcon,
                                destinationColumn), expireAt, PushedCatalog::later);
                    }
                }
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    // ---- queries ------------------------------------------------------------------------------

    synchronized Map<String, Object> getTable(String fullTableId, String dwId, String mcon) {
        Table t;
        if (mcon != null) {
            t = tablesByMcon.get(mcon);
        } else if (fullTableId != null && dwId != null) {
            t = tablesByKey.get(key(dwId, fullTableId));
        } else {
            throw new CatalogException("getTable needs mcon, or fullTableId and dwId");
        }
        return t == null ? null : tableMap(t);
    }

    private Map<String, Object> tableMap(Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mcon", t.mcon);
        m.put("fullTableId", t.fullTableId());
        m.put("displayName", t.name);
        m.put("objectId", t.fullTableId());
        m.put("objectType", "table");
        m.put("warehouse", warehouse(t.resourceUuid));
        List<Map<String, Object>> edgesOut = new ArrayList<>();
        for (List<Map<String, Object>> v : t.versions) {
            edgesOut.add(Map.of("node", Map.of("fields", v)));
        }
        m.put("versions", Map.of("edges", edgesOut));
        m.put("thresholds", Map.of(
                "freshness", threshold(t.metrics.getOrDefault("total_row_count_last_changed_on", List.of()).size(), 7),
                "size", threshold(t.metrics.getOrDefault("total_row_count", List.of()).size(), 10)));
        return m;
    }

    private static Map<String, Object> threshold(int samples, int needed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lower", null);
        m.put("upper", null);
        m.put("status", samples == 0 ? "no data" : samples < needed ? "training" : "active");
        return m;
    }

    synchronized Map<String, Object> getMetrics(String mcon, String metricName, Instant start, Instant end) {
        Table t = tablesByMcon.get(mcon);
        List<Map<String, Object>> points = new ArrayList<>();
        if (t != null) {
            for (Map<String, Object> p : t.metrics.getOrDefault(metricName, List.of())) {
                Instant at = Instant.parse((String) p.get("measurementTimestamp"));
                if (!at.isBefore(start) && !at.isAfter(end)) {
                    points.add(p);
                }
            }
        }
        return Map.of("metricsJson", Json.write(points));
    }

    synchronized Map<String, Object> getTableLineage(String mcon, String direction, int hops) {
        boolean upstream = "upstream".equalsIgnoreCase(direction);
        if (!upstream && !"downstream".equalsIgnoreCase(direction)) {
            throw new CatalogException("direction must be \"upstream\" or \"downstream\", not \"" + direction + "\"");
        }
        if (node(mcon) == null) {
            throw new CatalogException("no lineage node with MCON " + mcon);
        }
        Instant now = clock.instant();
        Map<String, List<String>> neighbours = new HashMap<>();
        for (Map.Entry<EdgeKey, Edge> e : edges.entrySet()) {
            if (!e.getValue().expireAt().isAfter(now) || node(e.getKey().source()) == null
                    || node(e.getKey().destination()) == null) {
                continue;
            }
            String from = upstream ? e.getKey().destination() : e.getKey().source();
            String to = upstream ? e.getKey().source() : e.getKey().destination();
            neighbours.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
        }
        Set<String> seen = new LinkedHashSet<>(List.of(mcon));
        List<String> frontier = List.of(mcon);
        List<Map<String, Object>> flattened = new ArrayList<>();
        for (int hop = 0; hop < Math.max(1, hops) && !frontier.isEmpty(); hop++) {
            List<String> next = new ArrayList<>();
            for (String m : frontier) {
                List<String> direct = neighbours.getOrDefault(m, List.of());
                flattened.add(Map.of("mcon", m, "directlyConnectedMcons", List.copyOf(direct)));
                for (String d : direct) {
                    if (seen.add(d)) {
                        next.add(d);
                    }
                }
            }
            frontier = next;
        }
        List<Map<String, Object>> connected = new ArrayList<>();
        for (String m : seen) {
            if (!m.equals(mcon)) {
                connected.add(nodeRef(node(m)));
            }
        }
        return Map.of("connectedNodes", connected, "flattenedEdges", flattened);
    }

    synchronized Map<String, Object> getDerivedTablesPartialLineage(String mcon, String column) {
        Instant now = clock.instant();
        Map<String, List<Map<String, Object>>> byTable = new LinkedHashMap<>();
        for (Map.Entry<ColumnKey, Instant> e : columnEdges.entrySet()) {
            ColumnKey k = e.getKey();
            if (k.source().equals(mcon) && k.sourceColumn().equalsIgnoreCase(column) && e.getValue().isAfter(now)
                    && tablesByMcon.containsKey(k.destination())) {
                byTable.computeIfAbsent(k.destination(), d -> new ArrayList<>())
                        .add(Map.of("columnName", k.destinationColumn()));
            }
        }
        List<Map<String, Object>> destinations = new ArrayList<>();
        byTable.forEach((m, cols) -> destinations.add(Map.of(
                "table", Map.of("mcon", m, "displayName", tablesByMcon.get(m).name), "columns", cols)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mcon", mcon);
        out.put("columnName", column);
        out.put("destinations", destinations);
        out.put("isLastPage", true);
        return out;
    }

    synchronized Map<String, Object> getAggregatedQueries(String mcon, String queryType, Instant start, Instant end,
            int first, String after) {
        boolean read = "read".equalsIgnoreCase(queryType);
        if (!read && !"write".equalsIgnoreCase(queryType)) {
            throw new CatalogException("queryType must be \"read\" or \"write\", not \"" + queryType + "\"");
        }
        Table t = tablesByMcon.get(mcon);
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Instant> lastSeen = new HashMap<>();
        Instant now = clock.instant();
        if (t != null) {
            for (QueryLog q : queryLogs) {
                if (!q.resourceUuid().equals(t.resourceUuid) || q.visibleAt().isAfter(now)
                        || q.start().isBefore(start) || q.start().isAfter(end)) {
                    continue;
                }
                List<String> names = read ? q.tables().reads() : q.tables().writes();
                if (names.stream().anyMatch(n -> resolve(q.resourceUuid(), n).contains(t))) {
                    counts.computeIfAbsent(q.hash(), h -> new long[1])[0]++;
                    lastSeen.merge(q.hash(), q.end(), PushedCatalog::later);
                }
            }
        }
        List<String> hashes = new ArrayList<>(counts.keySet());
        hashes.sort(Comparator.naturalOrder());
        int offset = after == null ? 0 : decodeCursor(after);
        int size = first <= 0 ? 100 : Math.min(first, 1000);
        List<Map<String, Object>> edgesOut = new ArrayList<>();
        for (int i = offset; i < Math.min(hashes.size(), offset + size); i++) {
            String h = hashes.get(i);
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("queryHash", h);
            node.put("queryCount", counts.get(h)[0]);
            node.put("lastSeen", lastSeen.get(h).toString());
            node.put("queryType", read ? "read" : "write");
            edgesOut.add(Map.of("node", node, "cursor", cursor(i + 1)));
        }
        int endIndex = Math.min(hashes.size(), offset + size);
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", endIndex < hashes.size());
        pageInfo.put("endCursor", cursor(endIndex));
        return Map.of("edges", edgesOut, "pageInfo", pageInfo);
    }

    /**
     * Pushed tables of {@code resource} a query's table name may mean: all three parts must
     * match ({@code db.schema.table}), or the last two, or the table name alone; case-insensitive.
     */
    private List<Table> resolve(String resource, String name) {
        String[] parts = name.toLowerCase(Locale.ROOT).split("\\.");
        List<Table> out = new ArrayList<>();
        for (Table t : tablesByKey.values()) {
            if (!t.resourceUuid.equals(resource)) {
                continue;
            }
            String tn = t.name.toLowerCase(Locale.ROOT);
            String ts = t.schema.toLowerCase(Locale.ROOT);
            String td = t.database.toLowerCase(Locale.ROOT);
            boolean match = switch (parts.length) {
                case 1 -> tn.equals(parts[0]);
                case 2 -> ts.equals(parts[0]) && tn.equals(parts[1]);
                case 3 -> td.equals(parts[0]) && ts.equals(parts[1]) && tn.equals(parts[2]);
                default -> false;
            };
            if (match) {
                out.add(t);
            }
        }
        return out;
    }

    private static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeCursor(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith("offset:")) {
                return Integer.parseInt(s.substring(7));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new CatalogException("after: '" + cursor + "' is not a cursor this API returned");
    }

    synchronized Map<String, Object> getUser() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EmulatedWarehouse w : warehouses()) {
            out.add(warehouseMap(w));
        }
        return Map.of("email", "emulator@mcpush.local",
                "account", Map.of("uuid", ACCOUNT_UUID, "warehouses", out));
    }

    private List<EmulatedWarehouse> warehouses() {
        if (!configuredWarehouses.isEmpty()) {
            return configuredWarehouses;
        }
        List<EmulatedWarehouse> out = new ArrayList<>();
        pushedResources.forEach((uuid, type) -> out.add(new EmulatedWarehouse(uuid, "emulated " + type, type)));
        return out;
    }

    private Map<String, Object> warehouse(String uuid) {
        for (EmulatedWarehouse w : warehouses()) {
            if (w.uuid().equalsIgnoreCase(uuid)) {
                return warehouseMap(w);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", uuid);
        m.put("name", null);
        m.put("connectionType", pushedResources.get(uuid));
        return m;
    }

    private static Map<String, Object> warehouseMap(EmulatedWarehouse w) {
        return Map.of("uuid", w.uuid(), "name", w.name(), "connectionType", w.connectionType());
    }

    // ---- custom lineage and deletion ----------------------------------------------------------

    /** The active node with this MCON: a pushed table or an unexpired custom node; null otherwise. */
    private Node node(String mcon) {
        Table t = tablesByMcon.get(mcon);
        if (t != null) {
            return new Node(t.mcon, "table", t.fullTableId(), t.resourceUuid, t.name, false, NEVER);
        }
        Node n = customNodes.get(mcon);
        return n != null && n.expireAt().isAfter(clock.instant()) ? n : null;
    }

    private static Map<String, Object> nodeRef(Node n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mcon", n.mcon());
        m.put("displayName", n.displayName());
        m.put("objectType", n.objectType());
        m.put("objectId", n.objectId());
        m.put("isCustom", n.custom());
        m.put("expireAt", n.expireAt().toString());
        m.put("resourceId", n.resourceUuid());
        return m;
    }

    private String resourceOf(String resourceId, String resourceName) {
        if (resourceId != null) {
            boolean known = pushedResources.containsKey(resourceId)
                    || warehouses().stream().anyMatch(w -> w.uuid().equalsIgnoreCase(resourceId));
            if (!known) {
                throw new CatalogException("resourceId " + resourceId + " is not a warehouse of this account");
            }
            return resourceId;
        }
        if (resourceName != null) {
            return warehouses().stream().filter(w -> w.name().equals(resourceName)).map(EmulatedWarehouse::uuid)
                    .findFirst().orElseThrow(() -> new CatalogException("no warehouse named '" + resourceName + "'"));
        }
        throw new CatalogException("give resourceId or resourceName");
    }

    private String nodeMcon(String objectType, String objectId, String resource) {
        String type = objectType.toLowerCase(Locale.ROOT);
        if ((type.equals("table") || type.equals("view")) && objectId.contains(":")) {
            return tableMcon(resource, objectId);
        }
        return "MCON++" + ACCOUNT_UUID + "++" + resource + "++" + type + "++" + objectId;
    }

    synchronized Map<String, Object> createOrUpdateLineageNode(String objectType, String objectId, String resourceId,
            String resourceName, String name, Instant expireAt) {
        String resource = resourceOf(resourceId, resourceName);
        String mcon = nodeMcon(objectType, objectId, resource);
        Table t = tablesByMcon.get(mcon);
        if (t != null) {
            return Map.of("node", nodeRef(node(mcon)));
        }
        Instant expiry = expireAt != null ? expireAt : clock.instant().plus(CUSTOM_LINEAGE_DEFAULT_LIFETIME);
        Node n = new Node(mcon, objectType, objectId, resource, name != null ? name : objectId, true, expiry);
        customNodes.put(mcon, n);
        return Map.of("node", nodeRef(n));
    }

    synchronized Map<String, Object> createOrUpdateLineageEdge(Map<String, Object> source,
            Map<String, Object> destination, Instant expireAt) {
        Node s = existing(source, "source");
        Node d = existing(destination, "destination");
        Instant expiry = expireAt != null ? expireAt : clock.instant().plus(CUSTOM_LINEAGE_DEFAULT_LIFETIME);
        edges.put(new EdgeKey(s.mcon(), d.mcon()), new Edge(expiry, true));
        Map<String, Object> edge = new LinkedHashMap<>();
        edge.put("source", nodeRef(s));
        edge.put("destination", nodeRef(d));
        edge.put("isCustom", true);
        edge.put("expireAt", expiry.toString());
        edge.put("edgeType", "IS_DOWNSTREAM");
        return Map.of("edge", edge);
    }

    private Node existing(Map<String, Object> input, String role) {
        String objectType = (String) input.get("objectType");
        String objectId = (String) input.get("objectId");
        String resource = resourceOf((String) input.get("resourceId"), (String) input.get("resourceName"));
        Node n = node(nodeMcon(objectType, objectId, resource));
        if (n == null) {
            throw new CatalogException(role + ": no lineage node " + objectType + " '" + objectId + "' in resource "
                    + resource + "; create it first with createOrUpdateLineageNode");
        }
        return n;
    }

    synchronized Map<String, Object> deleteLineageNode(String mcon) {
        if (node(mcon) == null) {
            throw new CatalogException("no lineage node with MCON " + mcon);
        }
        int removedEdges = removeEdgesOf(Set.of(mcon));
        customNodes.remove(mcon);
        Table t = tablesByMcon.remove(mcon);
        if (t != null) {
            tablesByKey.remove(key(t.resourceUuid, t.fullTableId()));
        }
        return Map.of("objectsDeleted", 1, "nodesDeleted", 1, "edgesDeleted", removedEdges);
    }

    private int removeEdgesOf(Set<String> mcons) {
        int removed = 0;
        for (Iterator<EdgeKey> it = edges.keySet().iterator(); it.hasNext(); ) {
            EdgeKey k = it.next();
            if (mcons.contains(k.source()) || mcons.contains(k.destination())) {
                it.remove();
                removed++;
            }
        }
        for (Iterator<ColumnKey> it = columnEdges.keySet().iterator(); it.hasNext(); ) {
            ColumnKey k = it.next();
            if (mcons.contains(k.source()) || mcons.contains(k.destination())) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    synchronized Map<String, Object> deletePushIngestedTables(List<String> mcons) {
        if (mcons.size() > MAX_DELETE_MCONS) {
            throw new CatalogException("deletePushIngestedTables takes at most " + MAX_DELETE_MCONS
                    + " MCONs per call, got " + mcons.size() + "; nothing was deleted");
        }
        List<String> unknown = mcons.stream().filter(m -> !tablesByMcon.containsKey(m)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new CatalogException(unknown.size() + " MCON(s) are not push-ingested tables of this account ("
                    + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                    + (unknown.size() > 5 ? ", ..." : "") + "); nothing was deleted");
        }
        Set<String> doomed = new LinkedHashSet<>(mcons);
        for (String m : doomed) {
            Table t = tablesByMcon.remove(m);
            tablesByKey.remove(key(t.resourceUuid, t.fullTableId()));
        }
        removeEdgesOf(doomed);
        return Map.of("success", true, "deletedCount", doomed.size());
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** An ISO-8601 instant, offset date-time or date (start of day, UTC); {@code fallback} when unreadable. */
    static Instant instant(String text, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException notOffset) {
            try {
                return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (RuntimeException notDate) {
                try {
                    return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
                } catch (RuntimeException notLocal) {
                    return fallback;
                }
            }
        }
    }

    private static String hash(String text) {
        String normal = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Minimal JSON writing for metricsJson (numbers and strings only). */
    private static final class Json {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
                new com.fasterxml.jackson.databind.ObjectMapper();

        static String write(Object value) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
