package io.mcpush.source.snowflake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpush.sdk.TableTypes;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.LineageEvents;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Table and column lineage from {@code ACCOUNT_USAGE.ACCESS_HISTORY}: for every query of the
 * window that wrote something, each object in {@code OBJECTS_MODIFIED} is a destination, and the
 * {@code directSources} of its columns are its sources, column by column. The VARIANT columns
 * arrive as JSON text and are flattened here, one row at a time; edges are de-duplicated across
 * queries, so memory holds the distinct edges, not the rows. Events come out one per
 * destination, in the order destinations were first seen, with names exactly as Snowflake
 * resolved them (the same as INFORMATION_SCHEMA reports). Endpoints that are not tables or views
 * (stages, streams, functions) or whose names cannot be split are counted, not sent. Not
 * thread-safe.
 */
final class AccessHistoryLineage {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Snowflake's documented ACCESS_HISTORY columns; only queries that modified an object. */
    static String sql(SnowflakeCatalog catalog) {
        return "SELECT QUERY_ID, OBJECTS_MODIFIED\nFROM " + catalog.accountUsage("ACCESS_HISTORY")
                + "\nWHERE QUERY_START_TIME >= CAST(? AS TIMESTAMP_LTZ) AND QUERY_START_TIME < CAST(? AS TIMESTAMP_LTZ)"
                + "\n  AND ARRAY_SIZE(OBJECTS_MODIFIED) > 0"
                + "\nORDER BY QUERY_START_TIME, QUERY_ID";
    }

    private final CollectionReport report;
    private final LineageEvents events = new LineageEvents();
    private long queries;
    private long unusable;
    private long unreadable;

    AccessHistoryLineage(CollectionReport report) {
        this.report = report;
    }

    /** Reads every row of the ACCESS_HISTORY query. */
    void read(ResultSet rs) throws SQLException {
        while (rs.next()) {
            queries++;
            add(rs.getString("QUERY_ID"), rs.getString("OBJECTS_MODIFIED"));
        }
    }

    /** Adds the edges of one query's OBJECTS_MODIFIED (JSON text of an array). */
    void add(String queryId, String objectsModified) {
        if (objectsModified == null || objectsModified.isBlank()) {
            return;
        }
        JsonNode modified;
        try {
            modified = JSON.readTree(objectsModified);
        } catch (JsonProcessingException e) {
            unreadable++;
            if (unreadable == 1) {
                report.warn("ACCESS_HISTORY of query " + queryId + ": OBJECTS_MODIFIED is not JSON; skipped");
            }
            return;
        }
        if (!modified.isArray()) {
            return;
        }
        for (JsonNode object : modified) {
            LineageEvents.Table target = ref(object);
            if (target == null) {
                continue;
            }
            for (JsonNode column : object.path("columns")) {
                String targetColumn = text(column, "columnName");
                for (JsonNode direct : column.path("directSources")) {
                    LineageEvents.Table source = ref(direct);
                    if (source == null) {
                        continue;
                    }
                    String sourceColumn = text(direct, "columnName");
                    if (targetColumn != null && sourceColumn != null) {
                        events.column(source, sourceColumn, target, targetColumn);
                    } else {
                        events.table(source, target);
                    }
                }
            }
        }
    }

    /** A table-like object of ACCESS_HISTORY, or null (counted) for stages, streams, functions and bad names. */
    private LineageEvents.Table ref(JsonNode object) {
        String domain = text(object, "objectDomain");
        String name = text(object, "objectName");
        if (domain == null || name == null || !tableLike(domain)) {
            unusable++;
            return null;
        }
        List<String> parts = ObjectNames.split(name);
        if (parts == null || parts.size() != 3) {
            unusable++;
            return null;
        }
        return new LineageEvents.Table(parts.get(0), parts.get(1), parts.get(2),
                TableTypes.normalise(TableTypes.Warehouse.SNOWFLAKE, domain));
    }

    /** Object domains that are tables or views in INFORMATION_SCHEMA (any case: the docs mix "Table" and "TABLE"). */
    private static boolean tableLike(String domain) {
        String d = domain.toUpperCase(Locale.ROOT);
        return d.equals("TABLE") || d.equals("VIEW") || d.equals("SECURE VIEW") || d.equals("MATERIALIZED VIEW")
                || d.equals("EXTERNAL TABLE") || d.equals("DYNAMIC TABLE") || d.equals("ICEBERG TABLE")
                || d.equals("EVENT TABLE") || d.equals("HYBRID TABLE");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The events, one per destination; call once, after {@link #read}. */
    EventStream<LineageEvent> events() {
        report.count("access history queries", queries);
        if (unusable > 0) {
            report.count("lineage endpoints not tables (stages, streams, functions)", unusable);
        }
        report.count("lineage events", events.size());
        return events.events();
    }
}
