package io.mcpush.source.postgres;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One relation's modification counters as one collection read them, and the time of the
 * collection that last saw them change ({@code changedAt}, wire text, null when no change was
 * seen yet). Counters are null when PostgreSQL keeps no statistics for the relation. Immutable.
 */
record CounterEntry(String schema, String table, Long inserted, Long updated, Long deleted, String rewriteKey,
        String changedAt) {
    CounterEntry {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
    }

    boolean hasCounters() {
        return inserted != null && updated != null && deleted != null && rewriteKey != null;
    }

    /** Same counters and same storage: nothing was written since. */
    boolean sameAs(CounterEntry other) {
        return hasCounters() && other.hasCounters() && inserted.equals(other.inserted) && updated.equals(other.updated)
                && deleted.equals(other.deleted) && rewriteKey.equals(other.rewriteKey);
    }

    /**
     * Counters went down on the same storage: the statistics were reset (pg_stat_reset, a crash),
     * which is not a write.
     */
    boolean resetSince(CounterEntry previous) {
        return hasCounters() && previous.hasCounters() && rewriteKey.equals(previous.rewriteKey)
                && (inserted < previous.inserted || updated < previous.updated || deleted < previous.deleted);
    }

    CounterEntry withChangedAt(String time) {
        return new CounterEntry(schema, table, inserted, updated, deleted, rewriteKey, time);
    }

    /** Orders (schema, table) by their UTF-8 bytes, as PostgreSQL's "C" collation does. */
    static int compareKeys(String schemaA, String tableA, String schemaB, String tableB) {
        int c = compareBytes(schemaA, schemaB);
        return c != 0 ? c : compareBytes(tableA, tableB);
    }

    static int compareBytes(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    int compareTo(String otherSchema, String otherTable) {
        return compareKeys(schema, table, otherSchema, otherTable);
    }
}
