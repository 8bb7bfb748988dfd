package io.mcpush.lineage;

import static java.util.Objects.requireNonNull;

/**
 * A column of a table: {@code db.schema.table.column} as far as the table is qualified.
 *
 * @param table the table holding the column
 * @param column the column name, case-folded for the dialect
 */
public record ColumnName(TableName table, String column) {
    public ColumnName {
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
    }

    /** The table's qualified name, a dot, and the column. */
    public String qualified() {
        return table.qualified() + "." + column;
    }

    @Override
    public String toString() {
        return qualified();
    }
}
