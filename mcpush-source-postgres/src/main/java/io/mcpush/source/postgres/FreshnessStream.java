package io.mcpush.source.postgres;

import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.model.AssetFreshness;
import io.mcpush.sdk.model.AssetMetadata;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.SourceIdentity;
import io.mcpush.source.jdbc.NameFilter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Adds freshness (and materialized views' definitions) to the shared metadata stream. Three
 * sequences are merged as they stream by, all in (schema, table) byte order: the assets, the
 * counter query's rows (every relation that holds data now) and the previous collection's
 * counter file. Memory stays one row of each, whatever the number of tables.
 *
 * <p>For each table: seen for the first time → no freshness; counters as in the previous
 * collection → the previous {@code changed_at}; counters differ → this collection's time (the
 * moment the counters were read). A relation that exists but was not collected (filtered out,
 * its schema unreadable) keeps its previous line; a relation that no longer exists drops out.
 * The new counter file replaces the old one only when the stream was read to its end. Not
 * thread-safe.
 */
final class FreshnessStream implements EventStream<RelationalAsset> {
    private record Relation(CounterEntry counters, String viewDefinition) {
    }

    private final EventStream<RelationalAsset> assets;
    private final ResultSet rows;
    private final List<AutoCloseable> opened;
    private final String readAt;
    private final CounterFile.Reader previousFile;
    private final CounterFile.Writer nextFile;
    private final CollectionReport report;
    private Relation current;
    private CounterEntry previous;
    private boolean countersFailed;
    private boolean finished;

    FreshnessStream(EventStream<RelationalAsset> assets, ResultSet rows, List<AutoCloseable> opened, Instant readAt,
            Path file, SourceIdentity identity, NameFilter filter, CollectionReport report) {
        this.assets = assets;
        this.rows = rows;
        this.opened = opened;
        this.readAt = Timestamps.toWire(readAt);
        this.report = report;
        CounterFile.Reader reader = null;
        CounterFile.Writer writer = null;
        try {
            reader = new CounterFile.Reader(file);
            writer = new CounterFile.Writer(file, identity);
        } catch (RuntimeException e) {
            if (reader != null) {
                reader.close();
            }
            assets.close();
            PostgresSource.closeAll(opened);
            throw e;
        }
        this.previousFile = reader;
        this.nextFile = writer;
        this.previous = previousFile.next();
        this.current = readRelation();
    }

    @Override
    public RelationalAsset next() {
        if (finished) {
            return null;
        }
        RelationalAsset asset = assets.next();
        if (asset == null) {
            finish();
            return null;
        }
        if (RelationalAsset.VIEW.equals(asset.type())) {
            return asset;
        }
        AssetMetadata m = asset.metadata();
        Relation found = match(m.schema(), m.name());
        if (found == null) {
            return asset; // a foreign table: no statistics
        }
        CounterEntry before = takePrevious(m.schema(), m.name());
        CounterEntry now = found.counters();
        String changedAt;
        if (before == null) {
            changedAt = null; // first sight: when it last changed is unknown
        } else if (!now.hasCounters() || !before.hasCounters() || now.sameAs(before) || now.resetSince(before)) {
            changedAt = before.changedAt();
        } else {
            changedAt = readAt;
        }
        nextFile.write(now.withChangedAt(changedAt));
        AssetMetadata metadata = found.viewDefinition() == null ? m : new AssetMetadata(m.name(), m.database(),
                m.schema(), m.description(), found.viewDefinition(), m.createdOn());
        AssetFreshness freshness = changedAt == null ? asset.freshness() : new AssetFreshness(changedAt);
        return new RelationalAsset(asset.type(), metadata, asset.tags(), asset.fields(), asset.volume(), freshness);
    }

    /** The counter row of (schema, table); rows before it were not collected and keep their previous line. */
    private Relation match(String schema, String table) {
        while (current != null && current.counters().compareTo(schema, table) < 0) {
            carryForward(current.counters());
            current = readRelation();
        }
        if (current != null && current.counters().compareTo(schema, table) == 0) {
            Relation found = current;
            current = readRelation();
            return found;
        }
        return null;
    }

    private void carryForward(CounterEntry notCollected) {
        CounterEntry before = takePrevious(notCollected.schema(), notCollected.table());
        if (before != null) {
            nextFile.write(before);
        }
    }

    /** The previous line of (schema, table), or null; lines before it are relations that are gone. */
    private CounterEntry takePrevious(String schema, String table) {
        while (previous != null && previous.compareTo(schema, table) < 0) {
            previous = previousFile.next();
        }
        if (previous != null && previous.compareTo(schema, table) == 0) {
            CounterEntry found = previous;
            previous = previousFile.next();
            return found;
        }
        return null;
    }

    private Relation readRelation() {
        if (countersFailed) {
            return null;
        }
        try {
            if (!rows.next()) {
                return null;
            }
            return new Relation(new CounterEntry(rows.getString("schema_name"), rows.getString("table_name"),
                    number("inserted"), number("updated"), number("deleted"), rows.getString("rewrite_key"), null),
                    rows.getString("view_definition"));
        } catch (SQLException e) {
            countersFailed = true;
            report.warn("freshness: cannot read the modification counters (SQLState " + e.getSQLState()
                    + "); the previous counters are kept");
            return null;
        }
    }

    private Long number(String label) throws SQLException {
        long v = rows.getLong(label);
        return rows.wasNull() ? null : v;
    }

    private void finish() {
        finished = true;
        while (current != null) {
            carryForward(current.counters());
            current = readRelation();
        }
        if (!countersFailed) {
            nextFile.commit();
        }
        close();
    }

    @Override
    public void close() {
        try {
            assets.close();
        } finally {
            PostgresSource.closeAll(opened);
            previousFile.close();
            nextFile.close();
        }
    }
}
