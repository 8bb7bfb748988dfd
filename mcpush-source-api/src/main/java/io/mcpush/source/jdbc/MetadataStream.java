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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Streams assets: databases → schemas → one relations query per schema, whose rows are grouped
 * into one asset per relation as they are fetched. Holds one relation's columns at a time.
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
    private Set<String> labels;
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
            ResultSetMetaData md = rows.getMetaData();
            labels = new HashSet<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                labels.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
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

    private Row readRow() throws SQLException {
        if (!rows.next()) {
            return null;
        }
        return new Row(rows.getString("table_name"), text("table_type"), text("table_comment"),
                text("view_definition"), instant("created_at"), number("row_count"), number("byte_count"),
                instant("last_modified"), withColumns ? text("column_name") : null,
                withColumns ? text("data_type") : null, withColumns ? text("column_comment") : null);
    }

    private String text(String label) throws SQLException {
        return labels.contains(label) ? rows.getString(label) : null;
    }

    private Long number(String label) throws SQLException {
        if (!labels.contains(label)) {
            return null;
        }
        Object o = rows.getObject(label);
        if (o instanceof Number n) {
            return n.longValue() < 0 ? null : n.longValue();
        }
        return null;
    }

    private Instant instant(String label) throws SQLException {
        if (!labels.contains(label)) {
            return null;
        }
        Object o = rows.getObject(label);
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
