package io.mcpush.source.bigquery;

import static java.util.Objects.requireNonNull;

/** A table as job metadata names it: project, dataset and table id, cased as BigQuery reports them. Immutable. */
public record TableRef(String project, String dataset, String table) {
    public TableRef {
        requireNonNull(project, "project is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(table, "table is null");
    }

    /** True for BigQuery's own tables: anonymous query results, script temporaries, INFORMATION_SCHEMA. */
    public boolean internal() {
        return BigQueryNames.hiddenDataset(dataset) || dataset.equalsIgnoreCase("INFORMATION_SCHEMA")
                || table.startsWith("INFORMATION_SCHEMA");
    }

    /** {@code project.dataset.table}, for the query-log extras. */
    public String text() {
        return project + "." + dataset + "." + table;
    }
}
