package io.mcpush.source.databricks;

import io.mcpush.sdk.model.AssetFreshness;
import io.mcpush.sdk.model.AssetVolume;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.Timestamps;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds volume and freshness to the tables of a metadata stream with one {@code DESCRIBE DETAIL}
 * per table — Unity Catalog's information_schema has no sizes, so this is the round trip per
 * table that the default collection avoids, opt-in with {@code --table-details}. Up to
 * {@code concurrency} statements run at once, each worker on its own connection; assets come out
 * in the order they went in, and at most {@code 2 × concurrency} are held. Views are passed
 * through. A table whose details cannot be read (not Delta, no privilege) keeps its schema
 * without volume and freshness; the failures are counted and the first reason is a warning.
 * Not thread-safe (the workers are internal).
 */
final class TableDetailsStream implements EventStream<RelationalAsset> {
    private static final Pattern NUM_ROWS = Pattern.compile("\"?numRows\"?\\s*[:=-]>?\\s*\"?(\\d+)");

    /** What DESCRIBE DETAIL gave for one table; {@code error} set when it failed. */
    private record Detail(Long rows, Long bytes, Instant lastModified, String error) {
    }

    private final EventStream<RelationalAsset> assets;
    private final Function<RelationalAsset, String> statement;
    private final CollectionReport report;
    private final Function<SQLException, String> describe;
    private final ExecutorService workers;
    /** The workers' connections, handed out one per running statement. */
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private final Supplier<Connection> connect;
    private final int concurrency;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private boolean exhausted;
    private long described;
    private long failed;
    private String firstFailure;

    private record Pending(RelationalAsset asset, Future<Detail> detail) {
    }

    /**
     * @param statement the DESCRIBE DETAIL text of a table ({@link DatabricksQueries#describeDetail})
     * @param connect opens one more connection for a worker
     */
    TableDetailsStream(EventStream<RelationalAsset> assets, Function<RelationalAsset, String> statement,
            Supplier<Connection> connect, int concurrency, CollectionReport report,
            Function<SQLException, String> describe) {
        this.assets = assets;
        this.statement = statement;
        this.connect = connect;
        this.concurrency = concurrency;
        this.report = report;
        this.describe = describe;
        this.idle = new ArrayBlockingQueue<>(concurrency);
        this.workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "mcpush-databricks-details");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public RelationalAsset next() {
        while (!exhausted && pending.size() < 2 * concurrency) {
            RelationalAsset a = assets.next();
            if (a == null) {
                exhausted = true;
                break;
            }
            Future<Detail> f = RelationalAsset.TABLE.equals(a.type()) ? workers.submit(() -> detail(a)) : null;
            pending.addLast(new Pending(a, f));
        }
        Pending p = pending.pollFirst();
        if (p == null) {
            finish();
            return null;
        }
        if (p.detail() == null) {
            return p.asset();
        }
        Detail d;
        try {
            d = p.detail().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            d = new Detail(null, null, null, "interrupted");
        } catch (ExecutionException e) {
            d = new Detail(null, null, null, String.valueOf(e.getCause()));
        }
        if (d.error() != null) {
            failed++;
            if (firstFailure == null) {
                var m = p.asset().metadata();
                firstFailure = m.database() + "." + m.schema() + "." + m.name() + ": " + d.error();
            }
            return p.asset();
        }
        described++;
        RelationalAsset a = p.asset();
        AssetVolume volume = d.rows() == null && d.bytes() == null ? a.volume() : new AssetVolume(d.rows(), d.bytes());
        AssetFreshness freshness = d.lastModified() == null ? a.freshness()
                : new AssetFreshness(Timestamps.toWire(d.lastModified()));
        return new RelationalAsset(a.type(), a.metadata(), a.tags(), a.fields(), volume, freshness);
    }

    private Detail detail(RelationalAsset asset) {
        Connection c = idle.poll();
        try {
            if (c == null) {
                c = connect.get();
                synchronized (all) {
                    all.add(c);
                }
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(statement.apply(asset))) {
                if (!r.next()) {
                    return new Detail(null, null, null, "DESCRIBE DETAIL returned no row");
                }
                ResultSetMetaData md = r.getMetaData();
                Set<String> labels = new HashSet<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    labels.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
                }
                Long bytes = labels.contains("sizeinbytes") ? nonNegative(r.getObject("sizeInBytes")) : null;
                Long rows = labels.contains("statistics") ? numRows(r.getObject("statistics")) : null;
                Instant modified = labels.contains("lastmodified") ? instant(r.getObject("lastModified")) : null;
                return new Detail(rows, bytes, modified, null);
            }
        } catch (SQLException e) {
            return new Detail(null, null, null, describe.apply(e));
        } catch (RuntimeException e) {
            return new Detail(null, null, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            if (c != null) {
                idle.offer(c);
            }
        }
    }

    private static Long nonNegative(Object o) {
        if (o instanceof Number n && n.longValue() >= 0) {
            return n.longValue();
        }
        if (o instanceof String s && !s.isBlank()) {
            try {
                long v = Long.parseLong(s.trim());
                return v >= 0 ? v : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** {@code numRows} of the statistics map (a Map, or its JSON/text form), when the table has it. */
    static Long numRows(Object statistics) {
        if (statistics == null) {
            return null;
        }
        if (statistics instanceof java.util.Map<?, ?> m) {
            return nonNegative(m.get("numRows"));
        }
        Matcher matcher = NUM_ROWS.matcher(String.valueOf(statistics));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : null;
    }

    /** A timestamp as an instant: drivers hand Databricks TIMESTAMP (an instant) over as Timestamp. */
    static Instant instant(Object o) {
        if (o instanceof Timestamp t) {
            return t.toInstant();
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
        if (o instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        return null;
    }

    private void finish() {
        if (exhausted && described + failed > 0) {
            report.count("tables described", described);
            if (failed > 0) {
                report.count("tables without details", failed);
                report.warn("DESCRIBE DETAIL failed for " + failed + " tables (kept without volume and freshness); "
                        + "first: " + firstFailure);
            }
            described = 0;
            failed = 0;
        }
    }

    @Override
    public void close() {
        for (Pending p : pending) {
            if (p.detail() != null) {
                p.detail().cancel(true);
            }
        }
        pending.clear();
        workers.shutdownNow();
        synchronized (all) {
            for (Connection c : all) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // a worker's connection: nothing to add
                }
            }
            all.clear();
        }
        assets.close();
    }
}
