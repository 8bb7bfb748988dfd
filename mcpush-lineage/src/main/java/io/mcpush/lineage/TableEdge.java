package io.mcpush.lineage;

import static java.util.Objects.requireNonNull;

/**
 * Data flows from {@code source} into {@code target}.
 *
 * @param source the table or path read
 * @param target the table or path written
 * @param method how the edge was found
 */
public record TableEdge(TableName source, TableName target, Method method) {
    public TableEdge {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(method, "method is null");
    }
}
