package io.mcpush.source;

import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import java.util.Set;

/**
 * A connection to one warehouse that yields each flow as a stream of wire events, read as they
 * come from the warehouse. A flow the source lacks the {@link Capability} for throws
 * {@link UnsupportedOperationException}. Problems with part of the warehouse (a schema that
 * cannot be read) are warnings in the {@link CollectionReport}; problems with all of it (the
 * database is unreachable) are {@link SourceException}s. One stream at a time; not thread-safe.
 */
public interface Source extends AutoCloseable {
    /** Type and stable id, without secrets: the key of the watermarks. */
    SourceIdentity identity();

    Set<Capability> capabilities();

    /** Tables and views, one {@link RelationalAsset} each. */
    EventStream<RelationalAsset> metadata(CollectionReport report);

    /**
     * Lineage; for lineage derived from query history, of the queries in {@code window}
     * (null for sources whose lineage has no window).
     */
    default EventStream<LineageEvent> lineage(QueryLogWindow window, CollectionReport report) {
        throw new UnsupportedOperationException(identity().type() + " collects no lineage");
    }

    /**
     * Queries that started in {@code window}; for a log-file source ({@link #positioned}), every
     * query logged after {@code window.positions()}. A positioned source hands the positions it
     * reached to {@link CollectionReport#reachedPositions} when the stream has ended.
     */
    default EventStream<QueryLogEntry> queryLogs(QueryLogWindow window, CollectionReport report) {
        throw new UnsupportedOperationException(identity().type() + " collects no query logs");
    }

    /** The warehouse's own log type (may be one Monte Carlo does not take; see {@code --log-type}). */
    default String logType() {
        return identity().type();
    }

    /** True when {@code flow} is collected for a window (query logs, query-derived lineage). */
    default boolean windowed(io.mcpush.sdk.Flow flow) {
        return flow == io.mcpush.sdk.Flow.QUERY_LOGS;
    }

    /**
     * True when the window of {@code flow} is log-file positions, not time (DESIGN.md,
     * "Watermarks"): the source reads server log files, and must read every entry after the last
     * committed positions exactly once, whatever its timestamp. The CLI then hands it a
     * {@link QueryLogWindow#after positions window} and commits the positions the source reports
     * in the {@link CollectionReport} after a complete push. Only for {@link #windowed} flows.
     */
    default boolean positioned(io.mcpush.sdk.Flow flow) {
        return false;
    }

    @Override
    void close();
}
