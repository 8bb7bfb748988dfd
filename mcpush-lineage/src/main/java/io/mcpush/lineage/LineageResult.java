package io.mcpush.lineage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The lineage of one SQL text (one statement or a whole script). Immutable.
 *
 * <p>Sources and targets are the real endpoints: tables created and consumed inside the script
 * (temporary or intermediate tables) are collapsed so that their inputs connect to their outputs.
 * A SELECT has sources and no targets; statements such as DROP or GRANT contribute nothing.
 *
 * @param sources tables and paths read, in first-seen order
 * @param targets tables and paths written, in first-seen order
 * @param tableEdges source to target edges
 * @param columnEdges column to column edges
 * @param errors per-statement problems; a result with errors may still carry the other statements' lineage
 * @param method {@link Method#FALLBACK} when any endpoint came from the fallback reading
 * @param statements how many statements the text held
 */
public record LineageResult(List<TableName> sources, List<TableName> targets, List<TableEdge> tableEdges,
        List<ColumnEdge> columnEdges, List<LineageError> errors, Method method, int statements) {
    public LineageResult {
        sources = List.copyOf(requireNonNull(sources, "sources is null"));
        targets = List.copyOf(requireNonNull(targets, "targets is null"));
        tableEdges = List.copyOf(requireNonNull(tableEdges, "tableEdges is null"));
        columnEdges = List.copyOf(requireNonNull(columnEdges, "columnEdges is null"));
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
        requireNonNull(method, "method is null");
    }

    /** Whether any statement failed. */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
