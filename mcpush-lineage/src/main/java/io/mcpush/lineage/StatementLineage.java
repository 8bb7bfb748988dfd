package io.mcpush.lineage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What one statement reads and writes; mutable while the statement is analysed. */
final class StatementLineage {
    final Set<TableName> sources = new LinkedHashSet<>();
    final Set<TableName> targets = new LinkedHashSet<>();
    final List<ColumnEdge> columnEdges = new ArrayList<>();
    /** Targets this statement created (CTAS, SELECT INTO, CREATE TABLE). */
    final Set<TableName> created = new LinkedHashSet<>();
    /** Targets that live only for the session (temporary, volatile, #temp). */
    final Set<TableName> temporary = new LinkedHashSet<>();
    Method method = Method.PARSED;

    static StatementLineage none() {
        return new StatementLineage();
    }

    boolean isEmpty() {
        return sources.isEmpty() && targets.isEmpty();
    }
}
