package io.mcpush.sdk.graphql;

import java.util.List;

/**
 * Names the tables one SQL statement (or script) reads and writes, dotted and unquoted, e.g.
 * {@code SHOP.RAW.ORDERS} or {@code orders}, qualified as far as the text qualifies them. Used
 * where mcpush must know which tables pushed query logs touch: validating query logs, and the
 * emulator's aggregated queries.
 *
 * <p>The SDK only asks the question; the SQL lineage engine answers it
 * ({@code io.mcpush.lineage.LineageQueryTableExtractor} in {@code mcpush-lineage}), so that the SDK
 * stays free of a SQL parser. Implementations must be thread-safe and never throw on unparseable
 * SQL (they return what they can, possibly nothing).
 */
@FunctionalInterface
public interface QueryTableExtractor {
    /** Tables a statement reads and writes; both lists are free of duplicates and never null. */
    record TableNames(List<String> reads, List<String> writes) {
        public TableNames {
            reads = List.copyOf(reads);
            writes = List.copyOf(writes);
        }
    }

    TableNames tables(String sql);
}
