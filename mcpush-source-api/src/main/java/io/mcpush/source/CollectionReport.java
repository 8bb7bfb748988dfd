package io.mcpush.source;

import io.mcpush.source.logfile.LogPositions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one collection saw: counts by kind (schemas, tables, views, columns, queries) and the
 * warnings for what it could not read, such as a schema the user has no right to. Nothing that
 * failed is skipped silently: it is a warning here, shown in the run summary and written into
 * the manifest header and the result file. Thread-safe.
 */
public final class CollectionReport {
    private static final Logger LOG = LoggerFactory.getLogger(CollectionReport.class);
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private LogPositions positions;

    /**
     * A log-file source's checkpoint after its stream ended: the positions to commit once what it
     * read has been pushed completely. The last call wins.
     */
    public synchronized void reachedPositions(LogPositions reached) {
        this.positions = java.util.Objects.requireNonNull(reached, "reached is null");
    }

    /** The positions a log-file source reached, or null (not a log-file source, or its stream did not end). */
    public synchronized LogPositions reachedPositions() {
        return positions;
    }

    public synchronized void count(String kind, long n) {
        counts.merge(kind, n, Long::sum);
    }

    public void count(String kind) {
        count(kind, 1);
    }

    /** Records something that could not be collected; the message must not hold secrets or SQL. */
    public void warn(String message) {
        LOG.debug("warning: {}", message);
        synchronized (this) {
            warnings.add(message);
        }
    }

    public synchronized Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    /** How many of {@code kind} were collected (0 when none). */
    public synchronized long get(String kind) {
        return counts.getOrDefault(kind, 0L);
    }

    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Counts in the order first seen, e.g. {@code 2 schemas, 14 tables, 3 views}. */
    public synchronized String summary() {
        if (counts.isEmpty()) {
            return "nothing";
        }
        StringBuilder sb = new StringBuilder();
        counts.forEach((kind, n) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(String.format(java.util.Locale.ROOT, "%,d %s", n, kind));
        });
        return sb.toString();
    }
}
