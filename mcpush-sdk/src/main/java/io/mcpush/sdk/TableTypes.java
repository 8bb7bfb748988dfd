package io.mcpush.sdk;

import java.util.Locale;

/**
 * Maps a warehouse's native table type to the only two values the push API accepts,
 * {@code TABLE} and {@code VIEW}. One rule for materialized views everywhere: they hold data
 * with row counts and a last-change time, which is what freshness and volume monitors need, so
 * they are {@code TABLE} (Monte Carlo's metadata doc; the Snowflake template's {@code VIEW} is the
 * discrepancy noted in the spec). Unknown or null types are {@code TABLE}. Stateless.
 */
public final class TableTypes {
    private TableTypes() {
    }

    /** Warehouse families whose native vocabularies differ. */
    public enum Warehouse {
        SNOWFLAKE, BIGQUERY, DATABRICKS, REDSHIFT, HIVE, POSTGRES, MYSQL, DUCKDB, GENERIC
    }

    public static String normalise(Warehouse warehouse, String nativeType) {
        if (nativeType == null) {
            return "TABLE";
        }
        String t = nativeType.trim().toUpperCase(Locale.ROOT).replace('_', ' ');
        if (t.contains("MATERIALIZED")) {
            return "TABLE";
        }
        return switch (warehouse) {
            // BigQuery's client reports VIEW, TABLE, MATERIALIZED_VIEW, EXTERNAL, SNAPSHOT
            case BIGQUERY, DATABRICKS -> t.equals("VIEW") ? "VIEW" : "TABLE";
            // Hive and Redshift collections only list tables; a view that slips in stays a view
            case SNOWFLAKE, REDSHIFT, HIVE, POSTGRES, MYSQL, DUCKDB, GENERIC ->
                    (t.equals("VIEW") || t.equals("SECURE VIEW") || t.equals("SYSTEM VIEW")
                            || t.equals("VIRTUAL VIEW") || t.equals("LOCAL TEMPORARY VIEW")) ? "VIEW" : "TABLE";
        };
    }
}
