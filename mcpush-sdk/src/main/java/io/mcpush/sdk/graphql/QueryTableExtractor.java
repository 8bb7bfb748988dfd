package io.mcpush.sdk.graphql;

import java.util.List;

/**
 * Names the tables one SQL statement reads and writes, as written in the text (dotted, unquoted,
 * e.g. {@code SHOP.RAW.ORDERS} or {@code orders}). Used where mcpush must know which tables
 * pushed query logs touch: validating query logs, and the emulator's aggregated queries.
 *
 * <p>{@link #keywords()} is a deliberate placeholder until the SQL lineage engine
 * ({@code mcpush-lineage}) can answer this properly; implementations must be thread-safe and
 * never throw on unparseable SQL (they return what they can, possibly nothing).
 */
public interface QueryTableExtractor {
    /** Tables a statement reads and writes; both lists are free of duplicates and never null. */
    record TableNames(List<String> reads, List<String> writes) {
        public TableNames {
            reads = List.copyOf(reads);
            writes = List.copyOf(writes);
        }
    }

    TableNames tables(String sql);

    /** The keyword placeholder; see {@link KeywordQueryTableExtractor}. */
    static QueryTableExtractor keywords() {
        return KeywordQueryTableExtractor.INSTANCE;
    }
}
