package io.mcpush.source.bigquery;

import static java.util.Objects.requireNonNull;

import com.google.api.gax.paging.Page;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.BaseServiceException;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.Dataset;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.JobException;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.http.HttpTransportOptions;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.SourceException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * The BigQuery REST client as the sources use it: datasets listed page by page, GoogleSQL
 * queries run with named parameters (never literals pasted into SQL) and their rows read page by
 * page as they are consumed ({@code jobs.query}, then {@code tabledata.list} with the page
 * token), so memory holds one page. Every query carries the job label {@code mcpush=collector},
 * which the query-log collection leaves out. Errors become {@link BigQueryFailure}s with the HTTP
 * status and BigQuery's reason; nothing here carries SQL text or credentials. Not thread-safe.
 */
public final class BigQueryClient implements AutoCloseable {
    /** The job label of this tool's own queries, excluded from the query logs it collects. */
    public static final String LABEL_KEY = "mcpush";
    public static final String LABEL_VALUE = "collector";

    private final BigQuery bigquery;
    private final BigQueryConfig config;

    public BigQueryClient(BigQueryConfig config) {
        this.config = requireNonNull(config, "config is null");
        RetrySettings retry = RetrySettings.newBuilder()
                .setMaxAttempts(config.maxAttempts())
                .setInitialRetryDelayDuration(Duration.ofSeconds(1))
                .setRetryDelayMultiplier(2.0)
                .setMaxRetryDelayDuration(Duration.ofSeconds(32))
                .setTotalTimeoutDuration(Duration.ofMinutes(5))
                .setInitialRpcTimeoutDuration(Duration.ofMinutes(5))
                .setRpcTimeoutMultiplier(1.0)
                .setMaxRpcTimeoutDuration(Duration.ofMinutes(5))
                .build();
        this.bigquery = BigQueryOptions.newBuilder()
                .setProjectId(config.billingProject())
                .setCredentials(config.credentials())
                .setHost(config.endpoint())
                .setRetrySettings(retry)
                .setTransportOptions(HttpTransportOptions.newBuilder()
                        .setConnectTimeout(30_000)
                        .setReadTimeout(300_000)
                        .build())
                .build()
                .getService();
    }

    public BigQueryConfig config() {
        return config;
    }

    /** The ids of a project's datasets (hidden ones excluded, as the API lists them), fetched page by page. */
    public Iterator<Dataset> datasets(String project) {
        Page<Dataset> first;
        try {
            first = bigquery.listDatasets(project, BigQuery.DatasetListOption.pageSize(1000));
        } catch (BaseServiceException e) {
            throw failure("list the datasets of project " + project, project, e);
        }
        Iterator<Dataset> it = first.iterateAll().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (BaseServiceException e) {
                    throw failure("list the datasets of project " + project, project, e);
                }
            }

            @Override
            public Dataset next() {
                return it.next();
            }
        };
    }

    /**
     * Runs a GoogleSQL query and returns its rows, fetched a page at a time as they are read.
     * {@code what} says what the query reads, for messages ("the tables of dataset p.d").
     */
    public Iterator<FieldValueList> query(String what, String project, String sql,
            Map<String, QueryParameterValue> parameters) {
        QueryJobConfiguration job = QueryJobConfiguration.newBuilder(sql)
                .setUseLegacySql(false)
                .setNamedParameters(parameters)
                .setLabels(Map.of(LABEL_KEY, LABEL_VALUE))
                .build();
        TableResult result;
        try {
            result = bigquery.query(job);
        } catch (BaseServiceException e) {
            throw failure("read " + what, project, e);
        } catch (JobException e) {
            throw new BigQueryFailure("cannot read " + what + ": the query job failed: " + errors(e), 0,
                    e.getErrors() != null && !e.getErrors().isEmpty() ? e.getErrors().get(0).getReason() : null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while reading " + what, e);
        }
        Iterator<FieldValueList> rows = result.iterateAll().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return rows.hasNext();
                } catch (BaseServiceException e) {
                    throw failure("read " + what + " (next page)", project, e);
                }
            }

            @Override
            public FieldValueList next() {
                return rows.next();
            }
        };
    }

    private static String errors(JobException e) {
        if (e.getErrors() == null || e.getErrors().isEmpty()) {
            return "no reason given";
        }
        BigQueryError first = e.getErrors().get(0);
        return first.getReason() + ": " + first.getMessage();
    }

    /**
     * The exception for a failed call: unreachable endpoint or refused credentials are
     * {@link SourceConnectionException}s naming the endpoint and project; anything else a
     * {@link BigQueryFailure} with the HTTP status and reason (a caller may make it a warning).
     */
    private RuntimeException failure(String what, String project, BaseServiceException e) {
        int code = e.getCode();
        String reason = e.getReason();
        String message = oneLine(e.getMessage());
        if (code == 0 || code == 401) {
            String cause = code == 401 ? "credentials refused (401" + (reason != null ? " " + reason : "") + ")"
                    : message;
            return new SourceConnectionException(config.host(), project, cause + " [" + config.credentialsSource()
                    + "]", null, e);
        }
        return new BigQueryFailure("cannot " + what + ": HTTP " + code + (reason != null ? " " + reason : "")
                + ": " + message, code, reason, e);
    }

    static String oneLine(String s) {
        if (s == null) {
            return "no message";
        }
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    @Override
    public void close() {
        // the HTTP transport holds no connection that needs closing
    }

    /** A BigQuery call failed for a reason other than connectivity; {@code status} is 0 for a failed job. */
    public static final class BigQueryFailure extends SourceException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String reason;

        public BigQueryFailure(String message, int status, String reason, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.reason = reason;
        }

        /** The HTTP status, or 0 when the job ran and failed. */
        public int status() {
            return status;
        }

        /** BigQuery's error reason ({@code accessDenied}, {@code notFound}, {@code invalidQuery}), or null. */
        public String reason() {
            return reason;
        }
    }
}
