package io.mcpush.source.redshift;

import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.AssetFreshness;
import io.mcpush.sdk.model.AssetVolume;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.jdbc.CatalogQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/**
 * Completes the catalog's assets with what the catalog views lack: row count and size from
 * SVV_TABLE_INFO, freshness from the writes SYS_QUERY_DETAIL recorded, materialized views from
 * SVV_MV_INFO, and canonical column types. Volume is read once per schema, when its first asset
 * comes by, and held for that schema only; the last write per table id once per collection (one
 * id and time per table written to within the SYS views' retention). Only the connected
 * database has them: SVV_TABLE_INFO does not cross databases. A schema whose figures cannot be
 * read is a warning; its assets go out without them.
 */
final class StatsStream implements EventStream<RelationalAsset> {
    static final long BLOCK_BYTES = 1_048_576L;

    /** Per table of one schema: id, rows and 1 MB blocks. Names compared trimmed (some SVV columns are padded). */
    static final String TABLE_VOLUME = """
            SELECT ti.table_id, TRIM(ti."table") AS table_name, ti.tbl_rows, ti.estimated_visible_rows, ti.size
            FROM svv_table_info ti
            WHERE ti.database = ? AND ti.schema = ?
            """;

    /**
     * Per table id, the end of the latest successful query that inserted or deleted rows (UPDATE
     * and MERGE do both), over the SYS views' retention. One query per collection: the result has
     * one row per table written to, not per write. Status and step names are compared trimmed:
     * SYS columns are blank-padded character(n).
     */
    static final String TABLE_WRITES = """
            SELECT d.table_id, MAX(h.end_time) AS last_write
            FROM sys_query_detail d
            JOIN sys_query_history h ON h.query_id = d.query_id
            WHERE TRIM(h.status) = 'success' AND TRIM(d.step_name) IN ('insert', 'delete') AND d.table_id > 0
            GROUP BY d.table_id
            """;

    static final String MATERIALIZED_VIEWS = """
            SELECT TRIM(name) AS name FROM svv_mv_info WHERE TRIM(database_name) = ? AND TRIM(schema) = ?
            """;

    private record Stats(Long rows, Long bytes, Instant lastWrite) {
    }

    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    private final EventStream<RelationalAsset> assets;
    private final RedshiftSource source;
    private final CollectionReport report;
    private String database;
    private String schema;
    private Map<String, Stats> stats = Map.of();
    private Set<String> materialized = Set.of();
    private boolean mvWarned;
    /** Table id → end of its last write; read on first need. */
    private Map<Long, Instant> writes;

    StatsStream(EventStream<RelationalAsset> assets, RedshiftSource source, CollectionReport report) {
        this.assets = assets;
        this.source = source;
        this.report = report;
    }

    @Override
    public RelationalAsset next() {
        RelationalAsset a = assets.next();
        if (a == null) {
            return null;
        }
        var m = a.metadata();
        if (!m.database().equals(database) || !m.schema().equals(schema)) {
            database = m.database();
            schema = m.schema();
            load();
        }
        String type = a.type();
        if (RelationalAsset.VIEW.equals(type) && materialized.contains(m.name())) {
            type = RelationalAsset.TABLE; // holds data: TABLE everywhere (TableTypes), definition kept
            report.count("views", -1);
            report.count("tables");
        }
        AssetVolume volume = a.volume();
        AssetFreshness freshness = a.freshness();
        Stats s = RelationalAsset.TABLE.equals(type) ? stats.get(m.name()) : null;
        if (s != null) {
            if (s.rows() != null || s.bytes() != null) {
                volume = new AssetVolume(s.rows(), s.bytes());
            }
            if (s.lastWrite() != null) {
                freshness = new AssetFreshness(Timestamps.toWire(s.lastWrite()));
            }
        }
        List<AssetField> fields = new ArrayList<>(a.fields().size());
        for (AssetField f : a.fields()) {
            fields.add(new AssetField(f.name(), RedshiftTypes.normalise(f.type()), f.description()));
        }
        return new RelationalAsset(type, m, a.tags(), fields, volume, freshness);
    }

    private void load() {
        stats = Map.of();
        materialized = Set.of();
        if (!database.equals(source.connectedDatabase())) {
            return; // SVV_TABLE_INFO, SYS_QUERY_DETAIL and SVV_MV_INFO see the connected database only
        }
        Map<Long, Instant> writes = writes();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Map<String, Stats> out = new HashMap<>();
            ResultSet rs = source.run(source.auxiliaryConnection(), CatalogQuery.of(TABLE_VOLUME, database, schema),
                    opened);
            while (rs.next()) {
                long id = rs.getLong("table_id");
                Long visible = positive(rs, "estimated_visible_rows");
                Long rows = visible != null ? visible : positive(rs, "tbl_rows");
                Long blocks = positive(rs, "size");
                out.put(rs.getString("table_name"), new Stats(rows, blocks == null ? null : blocks * BLOCK_BYTES,
                        writes.get(id)));
            }
            stats = out;
        } catch (SQLException e) {
            report.warn("schema " + database + "." + schema + ": no row counts, sizes or freshness (SVV_TABLE_INFO): "
                    + source.message(e));
        } finally {
            RedshiftSource.closeAll(opened);
            source.endAuxiliary();
        }
        try {
            Set<String> out = new HashSet<>();
            ResultSet rs = source.run(source.auxiliaryConnection(),
                    CatalogQuery.of(MATERIALIZED_VIEWS, database, schema), opened);
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            materialized = out;
        } catch (SQLException e) {
            if (!mvWarned) {
                mvWarned = true;
                report.warn("database " + database + ": materialized views cannot be told from views (SVV_MV_INFO): "
                        + source.message(e));
            }
        } finally {
            RedshiftSource.closeAll(opened);
            source.endAuxiliary();
        }
    }

    /** The last write per table id, read once per collection (empty, with a warning, when unreadable). */
    private Map<Long, Instant> writes() {
        if (writes != null) {
            return writes;
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Map<Long, Instant> out = new HashMap<>();
            ResultSet rs = source.run(source.auxiliaryConnection(), CatalogQuery.of(TABLE_WRITES), opened);
            while (rs.next()) {
                Timestamp t = rs.getTimestamp("last_write", UTC);
                if (t != null) {
                    out.put(rs.getLong("table_id"), t.toInstant());
                }
            }
            writes = out;
        } catch (SQLException e) {
            writes = Map.of();
            report.warn("database " + database + ": no freshness (SYS_QUERY_DETAIL / SYS_QUERY_HISTORY): "
                    + source.message(e));
        } finally {
            RedshiftSource.closeAll(opened);
            source.endAuxiliary();
        }
        return writes;
    }

    /** A count that is known: null for SQL NULL and for negative values. */
    private static Long positive(ResultSet rs, String label) throws SQLException {
        Object o = rs.getObject(label);
        if (o instanceof Number n && n.longValue() >= 0) {
            return n.longValue();
        }
        return null;
    }

    @Override
    public void close() {
        assets.close();
    }
}
