package io.mcpush.lineage;

import static java.util.Objects.requireNonNull;

/**
 * The value of {@code target} is computed from {@code source} (directly, or as one input of an
 * expression, function, CASE or CAST).
 *
 * @param source the column read
 * @param target the column written
 * @param method how the edge was found
 */
public record ColumnEdge(ColumnName source, ColumnName target, Method method) {
    public ColumnEdge {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(method, "method is null");
    }
}
