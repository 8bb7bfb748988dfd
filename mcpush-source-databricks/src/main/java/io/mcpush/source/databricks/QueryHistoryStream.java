package io.mcpush.source.databricks;

import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.SourceException;
import io.mcpush.source.jdbc.CatalogQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Streams the statements of {@code system.query.history} that started in the window, page by
 * page in (start_time, statement_id) order: each page resumes after the last row of the previous
 * one, and the stream ends only at a short page, so no row is cut off by the page size. One page
 * cursor is open at a time. Failed and cancelled statements are kept, with their error class as
 * {@code error_code}. Not thread-safe.
 */
final class QueryHistoryStream implements EventStream<QueryLogEntry> {
    /** Runs a query with its parameters bound, registering what it opens in {@code opened}. */
    interface Runner {
        ResultSet run(CatalogQuery query, List<AutoCloseable> opened) throws SQLException;
    }

    private final DatabricksConfig config;
    private final QueryLogWindow window;
    private final CollectionReport report;
    private final Runner runner;
    private final Function<SQLException, String> describe;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private ResultSet page;
    private long rowsInPage;
    private boolean lastPage;
    private long afterStart;
    private String afterId;
    private boolean first = true;
    private boolean done;
    private long queries;
    private long failed;
    private long withoutText;
    private long withoutEnd;
    private long pages;

    QueryHistoryStream(DatabricksConfig config, QueryLogWindow window, CollectionReport report, Runner runner,
            Function<SQLException, String> describe) {
        this.config = config;
        this.window = window;
        this.report = report;
        this.runner = runner;
        this.describe = describe;
    }

    @Override
    public QueryLogEntry next() {
        try {
            while (!done) {
                if (page == null) {
                    if (lastPage) {
                        finish();
                        return null;
                    }
                    page = runner.run(DatabricksQueries.queryHistoryPage(config, window, afterStart, afterId, first),
                            opened);
                    first = false;
                    rowsInPage = 0;
                    pages++;
                }
                if (!page.next()) {
                    lastPage = rowsInPage < config.pageSize();
                    closePage();
                    continue;
                }
                rowsInPage++;
                afterStart = page.getLong("start_micros");
                afterId = page.getString("statement_id");
                QueryLogEntry entry = entry(page);
                if (entry != null) {
                    return entry;
                }
            }
            return null;
        } catch (SQLException e) {
            done = true;
            closePage();
            throw new SourceException("cannot read the query history: " + describe.apply(e));
        }
    }

    /** The wire entry of the current row, or null (counted) when it lacks what the wire requires. */
    private QueryLogEntry entry(ResultSet r) throws SQLException {
        String text = r.getString("statement_text");
        long endMicros = r.getLong("end_micros");
        boolean noEnd = r.wasNull();
        if (text == null || text.isBlank()) {
            withoutText++;
            return null;
        }
        if (noEnd) {
            withoutEnd++;
            return null;
        }
        String status = r.getString("execution_status");
        String message = r.getString("error_message");
        Object errorCode = null;
        String errorText = null;
        String s = status == null ? "" : status.toUpperCase(Locale.ROOT);
        if (s.equals("FAILED") || s.equals("CANCELED") || s.equals("CANCELLED")) {
            String errorClass = DatabricksNames.errorClass(message);
            errorCode = errorClass != null ? errorClass : s;
            errorText = message != null && !message.isBlank() ? message
                    : (s.equals("FAILED") ? "the statement failed" : "the statement was cancelled");
            failed++;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        putNumber(extra, "total_task_duration_ms", r, "total_task_duration_ms");
        putNumber(extra, "read_rows", r, "read_rows");
        putNumber(extra, "read_bytes", r, "read_bytes");
        putNumber(extra, "total_duration_ms", r, "total_duration_ms");
        putText(extra, "statement_type", r.getString("statement_type"));
        putText(extra, "execution_status", status);
        putText(extra, "warehouse_id", r.getString("warehouse_id"));
        putText(extra, "workspace_id", r.getString("workspace_id"));
        Long produced = number(r, "produced_rows");
        queries++;
        return new QueryLogEntry(instant(r.getLong("start_micros")), instant(endMicros), text,
                r.getString("statement_id"), r.getString("executed_by"), errorCode, errorText, produced, extra);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static Long number(ResultSet r, String column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    private static void putNumber(Map<String, Object> extra, String key, ResultSet r, String column) throws SQLException {
        Long v = number(r, column);
        if (v != null) {
            extra.put(key, v);
        }
    }

    private static void putText(Map<String, Object> extra, String key, String value) {
        if (value != null && !value.isEmpty()) {
            extra.put(key, value);
        }
    }

    private void finish() {
        done = true;
        report.count("queries", queries);
        if (failed > 0) {
            report.count("failed or cancelled queries", failed);
        }
        report.count("query history pages", pages);
        if (withoutText > 0) {
            report.warn("query history: " + withoutText + " statements have no text (customer-managed keys leave "
                    + "statement_text empty) and were not collected");
        }
        if (withoutEnd > 0) {
            report.warn("query history: " + withoutEnd + " statements had no end time yet (still running when read) "
                    + "and were not collected; a longer --lag avoids this");
        }
    }

    private void closePage() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // closing a page cursor: nothing to add
            }
        }
        opened.clear();
        page = null;
    }

    @Override
    public void close() {
        done = true;
        closePage();
    }
}
