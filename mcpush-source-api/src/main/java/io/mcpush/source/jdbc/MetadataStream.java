package io.mcpush.source.jdbc;

import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.AssetFreshness;
import io.mcpush.sdk.model.AssetMetadata;
import io.mcpush.sdk.model.AssetVolume;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams assets: databases → schemas → one relations query per schema, whose rows are grouped
 * into one asset per relation as they are fetched. Holds one relation's columns at a time.
 * Result columns are looked up by label once per schema query, then read by index.
 */
final class MetadataStream implements EventStream<RelationalAsset> {
    private final JdbcSource source;
    private final Connection connection;
    private final Iterator<String> databases;
    private final CollectionReport report;
    private final boolean withColumns;
    private String database;
    private Iterator<String> schemas = java.util.Collections.emptyIterator();
    private String schema;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private ResultSet rows;
    /** Indexes of the labels in the open schema's result, 0 for a label it lacks. */
    private int tableName;
    private int tableType;
    private int tableComment;
    private int viewDefinition;
    private int createdAt;
    private int rowCount;
    private int byteCount;
    private int lastModified;
    private int columnName;
    private int dataType;
    private int columnComment;
    /** The first row of the next relation, read already. */
    private Row pending;
    private long relationsInSchema;
    /** The open schema's query, to keep it out of messages. */
    private String sql;

    MetadataStream(JdbcSource source, Connection connection, List<String> databases, CollectionReport report) {
        this(source, connection, databases, report, !source.config().onlyFreshnessAndVolume());
    }

    MetadataStream(JdbcSource source, Connection connection, List<String> databases, CollectionReport report,
            boolean withColumns) {
        this.source = source;
        this.connection = connection;
        this.databases = databases.iterator();
        this.report = report;
        this.withColumns = withColumns;
    }

    @Override
    public RelationalAsset next() {
        while (true) {
            if (rows != null) {
                RelationalAsset asset = readRelation();
                if (asset != null) {
                    return asset;
                }
                if (rows != null) {
                    continue; // a relation was filtered out
                }
            }
            if (schemas.hasNext()) {
                openSchema(schemas.next());
            } else if (databases.hasNext()) {
                openDatabase(databases.next());
            } else {
                return null;
            }
        }
    }

    private void openDatabase(String name) {
        database = name;
        try {
            List<String> list = source.schemas(connection, name);
            schemas = list.iterator();
            report.count("databases");
        } catch (SQLException e) {
            schemas = java.util.Collections.emptyIterator();
            report.warn("database " + name + ": cannot list its schemas: "
                    + source.describe(e, source.schemasQuery(name).sql()));
        }
    }

    private void openSchema(String name) {
        schema = name;
        relationsInSchema = 0;
        sql = null;
        try {
            CatalogQuery query = source.relationsQuery(database, name, withColumns);
            sql = query.sql();
            rows = source.execute(connection, query, opened);
            resolveLabels(rows.getMetaData());
            pending = readRow();
            report.count("schemas");
        } catch (SQLException e) {
            closeRows();
            report.warn("schema " + database + "." + name + ": cannot read it: " + source.describe(e, sql));
        }
    }

    /** The next relation of the open schema; null (with the schema closed) at its end or on error. */
    private RelationalAsset readRelation() {
        try {
            if (pending == null) {
                closeRows();
                return null;
            }
            Row first = pending;
            List<AssetField> fields = new ArrayList<>();
            Row row = first;
            while (row != null && row.table.equals(first.table)) {
                if (row.column != null) {
                    fields.add(new AssetField(row.column, row.dataType == null ? "UNKNOWN" : row.dataType,
                            row.columnComment));
                }
                row = readRow();
            }
            pending = row;
            relationsInSchema++;
            if (!source.config().filter().table(first.table)) {
                return null;
            }
            return asset(first, fields);
        } catch (SQLException e) {
            report.warn("schema " + database + "." + schema + ": stopped after " + relationsInSchema
                    + " relations: " + source.describe(e, sql));
            closeRows();
            return null;
        }
    }

    private RelationalAsset asset(Row r, List<AssetField> fields) {
        String type = source.dialect().tableType(r.tableType);
        boolean view = RelationalAsset.VIEW.equals(type);
        report.count(view ? "views" : "tables");
        if (withColumns) {
            report.count("columns", fields.size());
        }
        AssetMetadata metadata = new AssetMetadata(r.table, database, schema, r.tableComment,
                view ? r.viewDefinition : null, r.createdAt == null ? null : Timestamps.toWire(r.createdAt));
        AssetVolume volume = view || (r.rowCount == null && r.byteCount == null) ? null
                : new AssetVolume(r.rowCount, r.byteCount);
        AssetFreshness freshness = r.lastModified == null ? null : new AssetFreshness(Timestamps.toWire(r.lastModified));
        return new RelationalAsset(type, metadata, List.of(), fields, volume, freshness);
    }

    private record Row(String table, String tableType, String tableComment, String viewDefinition, Instant createdAt,
            Long rowCount, Long byteCount, Instant lastModified, String column, String dataType, String columnComment) {
    }

    private void resolveLabels(ResultSetMetaData md) throws SQLException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = md.getColumnCount(); i >= 1; i--) { // the first of equal labels wins, as with findColumn
            index.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
        }
        tableName = index.getOrDefault("table_name", 0);
        if (tableName == 0) {
            throw new SQLException("the relations query has no column table_name");
        }
        tableType = index.getOrDefault("table_type", 0);
        tableComment = index.getOrDefault("table_comment", 0);
        viewDefinition = index.getOrDefault("view_definition", 0);
        createdAt = index.getOrDefault("created_at", 0);
        rowCount = index.getOrDefault("row_count", 0);
        byteCount = index.getOrDefault("byte_count", 0);
        lastModified = index.getOrDefault("last_modified", 0);
        columnName = withColumns ? index.getOrDefault("column_name", 0) : 0;
        dataType = withColumns ? index.getOrDefault("data_type", 0) : 0;
        columnComment = withColumns ? index.getOrDefault("column_comment", 0) : 0;
    }

    private Row readRow() throws SQLException {
        if (!rows.next()) {
            return null;
        }
        return new Row(rows.getString(tableName), text(tableType), text(tableComment), text(viewDefinition),
                instant(createdAt), number(rowCount), number(byteCount), instant(lastModified), text(columnName),
                text(dataType), text(columnComment));
    }

    private String text(int column) throws SQLException {
        return column == 0 ? null : rows.getString(column);
    }

    private Long number(int column) throws SQLException {
        if (column == 0) {
            return null;
        }
        Object o = rows.getObject(column);
        if (o instanceof Number n) {
            return n.longValue() < 0 ? null : n.longValue();
        }
        return null;
    }

    private Instant instant(int column) throws SQLException {
        if (column == 0) {
            return null;
        }
        Object o = rows.getObject(column);
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        if (o instanceof Instant t) {
            return t;
        }
        if (o instanceof Timestamp t) {
            // a timestamp without zone: the query promises UTC
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (o instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        return null;
    }

    private void closeRows() {
        JdbcSource.closeAll(opened);
        rows = null;
        pending = null;
    }

    @Override
    public void close() {
        closeRows();
    }
}
