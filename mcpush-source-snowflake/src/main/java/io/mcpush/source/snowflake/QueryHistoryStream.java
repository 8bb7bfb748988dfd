package io.mcpush.source.snowflake;

import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.SourceException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Streams {@code ACCOUNT_USAGE.QUERY_HISTORY} rows as query-log entries, one row at a time from an
 * open cursor. Every query that started in the window is read — failed ones too, with
 * {@code error_code} and {@code error_text} — in start order, without a row limit. A row without
 * an end time cannot be pushed (the API requires it) and is counted, not sent. Not thread-safe.
 */
final class QueryHistoryStream implements EventStream<QueryLogEntry> {
    /**
     * Columns of Snowflake's documented QUERY_HISTORY view. START_TIME in {@code [?, ?)}: two
     * bound UTC texts; the ORDER BY makes reruns of the same window produce the same manifest.
     */
    static String sql(SnowflakeCatalog catalog, boolean writingQueriesOnly) {
        return "SELECT QUERY_ID, QUERY_TEXT, " + SnowflakeSource.utc("START_TIME") + " AS START_TIME_UTC, "
                + SnowflakeSource.utc("END_TIME") + " AS END_TIME_UTC, USER_NAME, ROLE_NAME, WAREHOUSE_NAME, "
                + "WAREHOUSE_SIZE, DATABASE_NAME, SCHEMA_NAME, QUERY_TYPE, QUERY_TAG, EXECUTION_STATUS, ERROR_CODE, "
                + "ERROR_MESSAGE, BYTES_SCANNED, ROWS_PRODUCED, TOTAL_ELAPSED_TIME\nFROM "
                + catalog.accountUsage("QUERY_HISTORY")
                + "\nWHERE START_TIME >= CAST(? AS TIMESTAMP_LTZ) AND START_TIME < CAST(? AS TIMESTAMP_LTZ)"
                + (writingQueriesOnly ? "\n  AND EXECUTION_STATUS = 'SUCCESS' AND QUERY_TYPE IN ("
                        + SnowflakeSource.WRITING_QUERY_TYPES + ")" : "")
                + "\nORDER BY START_TIME, QUERY_ID";
    }

    private final ResultSet rows;
    private final List<AutoCloseable> opened;
    private final CollectionReport report;
    private final Function<SQLException, String> describe;
    private boolean done;

    QueryHistoryStream(ResultSet rows, List<AutoCloseable> opened, CollectionReport report,
            Function<SQLException, String> describe) {
        this.rows = rows;
        this.opened = opened;
        this.report = report;
        this.describe = describe;
    }

    @Override
    public QueryLogEntry next() {
        if (done) {
            return null;
        }
        try {
            while (rows.next()) {
                QueryLogEntry e = entry();
                if (e != null) {
                    report.count("queries");
                    return e;
                }
            }
        } catch (SQLException e) {
            close();
            throw new SourceException("reading QUERY_HISTORY failed after " + report.get("queries") + " queries: "
                    + describe.apply(e), null);
        }
        close();
        return null;
    }

    private QueryLogEntry entry() throws SQLException {
        Instant start = SnowflakeSource.instant(rows.getObject("START_TIME_UTC"));
        Instant end = SnowflakeSource.instant(rows.getObject("END_TIME_UTC"));
        String text = rows.getString("QUERY_TEXT");
        if (start == null || end == null) {
            report.count("queries without end time (not sent)");
            return null;
        }
        if (text == null) {
            text = ""; // a query whose text Snowflake withheld still counts for volume
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        put(extra, "warehouse_name", rows.getString("WAREHOUSE_NAME"));
        put(extra, "bytes_scanned", number(rows.getObject("BYTES_SCANNED")));
        put(extra, "warehouse_size", rows.getString("WAREHOUSE_SIZE"));
        put(extra, "role_name", rows.getString("ROLE_NAME"));
        put(extra, "database_name", rows.getString("DATABASE_NAME"));
        put(extra, "schema_name", rows.getString("SCHEMA_NAME"));
        put(extra, "query_type", rows.getString("QUERY_TYPE"));
        String tag = rows.getString("QUERY_TAG");
        put(extra, "query_tag", tag == null || tag.isEmpty() ? null : tag);
        put(extra, "execution_status", rows.getString("EXECUTION_STATUS"));
        put(extra, "total_elapsed_time_ms", number(rows.getObject("TOTAL_ELAPSED_TIME")));
        String errorCode = rows.getString("ERROR_CODE");
        String errorText = rows.getString("ERROR_MESSAGE");
        if (errorCode != null || errorText != null) {
            report.count("failed queries");
        }
        return new QueryLogEntry(start, end, text, rows.getString("QUERY_ID"), rows.getString("USER_NAME"),
                errorCode, errorText, number(rows.getObject("ROWS_PRODUCED")), extra);
    }

    private static void put(Map<String, Object> extra, String key, Object value) {
        if (value != null) {
            extra.put(key, value);
        }
    }

    /** NUMBER columns arrive as BigDecimal, Long or Integer depending on driver and scale. */
    static Long number(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof BigDecimal d) {
            return d.longValue();
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(o.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        done = true;
        SnowflakeSource.closeQuietly(opened);
    }
}
