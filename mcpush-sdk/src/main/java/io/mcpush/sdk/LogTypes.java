package io.mcpush.sdk;

import java.util.List;

/** The {@code log_type} values the query-log endpoint accepts (push-api spec §6). */
public final class LogTypes {
    public static final List<String> SUPPORTED = List.of("snowflake", "bigquery", "databricks", "redshift",
            "hive-s3", "athena", "teradata", "clickhouse", "databricks-metastore-sql-warehouse", "s3", "presto-s3");

    private LogTypes() {
    }

    public static boolean isSupported(String logType) {
        return logType != null && SUPPORTED.contains(logType);
    }
}
