package io.mcpush.source.bigquery;

import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryParameterValue;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.source.QueryLogWindow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query jobs of one project and region from {@code region-X.INFORMATION_SCHEMA.JOBS}
 * (synonym of JOBS_BY_PROJECT), created in a window whose bounds are query parameters computed
 * in Java, and their mapping to query-log entries. Only {@code QUERY} jobs (loads, copies and
 * extracts have no SQL) and not this tool's own (job label {@code mcpush=collector}). The view
 * is partitioned by {@code creation_time}, so the window prunes what is scanned. No ORDER BY: a
 * sort of a busy project's day of jobs can exceed BigQuery's memory for one worker, and the
 * entries need no order. Stateless.
 */
public final class JobsQuery {
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";

    private JobsQuery() {
    }

    /**
     * What narrows the jobs, e.g. to those touching Iceberg tables: a {@code WITH} clause (or
     * empty), an extra condition on {@code j} (or empty) and the parameters they use.
     */
    public record Filter(String with, String condition, Map<String, QueryParameterValue> parameters) {
        public static final Filter NONE = new Filter("", "", Map.of());

        public Filter {
            java.util.Objects.requireNonNull(with, "with is null");
            java.util.Objects.requireNonNull(condition, "condition is null");
            parameters = Map.copyOf(parameters);
        }
    }

    /**
     * The SQL of the jobs of one project and region, narrowed by {@code filter}. With
     * {@code lineageOnly}, only jobs that finished without error and wrote a named table.
     */
    public static String sql(String project, String region, Filter filter, boolean lineageOnly) {
        String condition = filter.condition();
        return filter.with()
                + "SELECT j.job_id, j.creation_time, j.start_time, j.end_time, j.user_email, j.statement_type,\n"
                + "  j.query, j.state, j.total_bytes_processed, j.total_bytes_billed, j.total_slot_ms, j.cache_hit,\n"
                + "  j.parent_job_id, j.error_result.reason AS error_reason, j.error_result.message AS error_message,\n"
                + "  j.destination_table.project_id AS destination_project,\n"
                + "  j.destination_table.dataset_id AS destination_dataset,\n"
                + "  j.destination_table.table_id AS destination_table,\n"
                + "  ARRAY(SELECT AS STRUCT r.project_id, r.dataset_id, r.table_id\n"
                + "    FROM UNNEST(j.referenced_tables) AS r) AS referenced_tables\n"
                + "FROM " + BigQueryNames.regionView(project, region, "JOBS") + " AS j\n"
                + "WHERE j.creation_time >= @" + WINDOW_START + " AND j.creation_time < @" + WINDOW_END + "\n"
                + "  AND j.job_type = @job_type\n"
                + "  AND NOT EXISTS (SELECT 1 FROM UNNEST(j.labels) AS l WHERE l.key = @label_key AND l.value = @label_value)"
                + (lineageOnly ? "\n  AND j.state = @done AND j.error_result IS NULL AND j.destination_table IS NOT NULL"
                        + "\n  AND NOT STARTS_WITH(j.destination_table.dataset_id, @hidden_prefix)" : "")
                + (condition.isEmpty() ? "" : "\n  AND " + condition);
    }

    /** The query parameters of {@link #sql}: the window bounds as TIMESTAMPs (microseconds), the constants, the filter's. */
    public static Map<String, QueryParameterValue> parameters(QueryLogWindow window, Filter filter,
            boolean lineageOnly) {
        Map<String, QueryParameterValue> p = new LinkedHashMap<>(filter.parameters());
        p.put(WINDOW_START, QueryParameterValue.timestamp(micros(window.start())));
        p.put(WINDOW_END, QueryParameterValue.timestamp(micros(window.end())));
        p.put("job_type", QueryParameterValue.string("QUERY"));
        p.put("label_key", QueryParameterValue.string(BigQueryClient.LABEL_KEY));
        p.put("label_value", QueryParameterValue.string(BigQueryClient.LABEL_VALUE));
        if (lineageOnly) {
            p.put("done", QueryParameterValue.string("DONE"));
            p.put("hidden_prefix", QueryParameterValue.string("_"));
        }
        return p;
    }

    static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    /** One job as read. */
    public record Job(String jobId, Instant creationTime, Instant startTime, Instant endTime, String userEmail,
            String statementType, String query, String state, Long bytesProcessed, Long bytesBilled, Long slotMs,
            Boolean cacheHit, String parentJobId, String errorReason, String errorMessage, TableRef destination,
            List<TableRef> referenced) {
        public boolean failed() {
            return errorReason != null || errorMessage != null;
        }
    }

    public static Job job(FieldValueList row) {
        String dp = Rows.text(row, "destination_project");
        String dd = Rows.text(row, "destination_dataset");
        String dt = Rows.text(row, "destination_table");
        TableRef destination = dp != null && dd != null && dt != null ? new TableRef(dp, dd, dt) : null;
        List<TableRef> referenced = new ArrayList<>();
        for (FieldValueList r : Rows.records(row, "referenced_tables")) {
            String p = Rows.text(r, 0); // STRUCT(project_id, dataset_id, table_id), as the SQL orders it
            String d = Rows.text(r, 1);
            String t = Rows.text(r, 2);
            if (p != null && d != null && t != null) {
                referenced.add(new TableRef(p, d, t));
            }
        }
        return new Job(Rows.text(row, "job_id"), Rows.timestamp(row, "creation_time"),
                Rows.timestamp(row, "start_time"), Rows.timestamp(row, "end_time"), Rows.text(row, "user_email"),
                Rows.text(row, "statement_type"), Rows.text(row, "query"), Rows.text(row, "state"),
                Rows.integer(row, "total_bytes_processed"), Rows.integer(row, "total_bytes_billed"),
                Rows.integer(row, "total_slot_ms"), Rows.bool(row, "cache_hit"), Rows.text(row, "parent_job_id"),
                Rows.text(row, "error_reason"), Rows.text(row, "error_message"), destination,
                List.copyOf(referenced));
    }

    /**
     * The query-log entry of a finished job, or null when the job has not finished (no end time:
     * still pending or running) or has no SQL. Failed jobs carry BigQuery's error reason and
     * message; {@code extra} holds the documented {@code total_bytes_billed} and
     * {@code statement_type} and what else JOBS tells (bytes processed, slot milliseconds, cache
     * hit, destination and referenced tables, location).
     */
    public static QueryLogEntry entry(Job job, String project, String region) {
        if (job.endTime() == null || job.query() == null || job.query().isBlank()) {
            return null;
        }
        Instant start = job.startTime() != null ? job.startTime() : job.creationTime();
        Map<String, Object> extra = new LinkedHashMap<>();
        put(extra, "total_bytes_billed", job.bytesBilled());
        put(extra, "statement_type", job.statementType());
        put(extra, "total_bytes_processed", job.bytesProcessed());
        put(extra, "total_slot_ms", job.slotMs());
        put(extra, "cache_hit", job.cacheHit());
        put(extra, "project_id", project);
        put(extra, "location", region.substring("region-".length()));
        if (job.destination() != null && !job.destination().internal()) {
            extra.put("destination_table", job.destination().text());
        }
        List<String> refs = new ArrayList<>();
        for (TableRef r : job.referenced()) {
            refs.add(r.text());
        }
        if (!refs.isEmpty()) {
            extra.put("referenced_tables", refs);
        }
        put(extra, "parent_job_id", job.parentJobId());
        return new QueryLogEntry(start, job.endTime(), job.query(), job.jobId(), job.userEmail(),
                job.errorReason() != null ? job.errorReason() : (job.errorMessage() != null ? "error" : null),
                job.errorMessage(), null, extra);
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
