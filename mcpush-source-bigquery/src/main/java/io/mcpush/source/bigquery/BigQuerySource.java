package io.mcpush.source.bigquery;

import static java.util.Objects.requireNonNull;

import com.google.cloud.bigquery.Dataset;
import com.google.cloud.bigquery.FieldValueList;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.LineageDeriver;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.Source;
import io.mcpush.source.SourceException;
import io.mcpush.source.SourceIdentity;
import io.mcpush.source.bigquery.BigQueryClient.BigQueryFailure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * BigQuery through its REST API (not JDBC). Metadata: the datasets of each project listed with
 * the API, then one query per dataset ({@link DatasetQuery}). Lineage: view definitions and the
 * jobs of the window — table edges from the jobs' own {@code destination_table} and
 * {@code referenced_tables}, column edges from their SQL read by the lineage engine
 * ({@link JobLineage}). Query logs: {@code INFORMATION_SCHEMA.JOBS} of each project and region
 * ({@link JobsQuery}). A dataset that cannot be read is a warning; a region whose jobs cannot be
 * read fails the collection, so that its window is collected again next time. Not thread-safe.
 */
public class BigQuerySource implements Source {
    public static final Set<Capability> CAPABILITIES = Set.of(Capability.METADATA, Capability.TABLE_LINEAGE,
            Capability.COLUMN_LINEAGE, Capability.QUERY_LOGS);

    private final String type;
    private final BigQueryConfig config;
    private BigQueryClient client;

    public BigQuerySource(BigQueryConfig config) {
        this(BigQuerySourceFactory.TYPE, config);
    }

    protected BigQuerySource(String type, BigQueryConfig config) {
        this.type = requireNonNull(type, "type is null");
        this.config = requireNonNull(config, "config is null");
    }

    public BigQueryConfig config() {
        return config;
    }

    /** The client, created on first use. */
    protected BigQueryClient client() {
        if (client == null) {
            client = new BigQueryClient(config);
        }
        return client;
    }

    /** The collected projects and locations; not the billing project, which changes nothing collected. */
    @Override
    public SourceIdentity identity() {
        return new SourceIdentity(type, String.join(",", config.projects()) + " " + String.join(",", config.regions()));
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String logType() {
        return "bigquery";
    }

    /** Query logs and the job-derived part of lineage are collected per window. */
    @Override
    public boolean windowed(Flow flow) {
        return flow == Flow.QUERY_LOGS || flow == Flow.LINEAGE;
    }

    @Override
    public EventStream<RelationalAsset> metadata(CollectionReport report) {
        requireNonNull(report, "report is null");
        return new DatasetWalk(report, !config.onlyFreshnessAndVolume());
    }

    /**
     * Lineage of the views in scope and of the jobs in {@code window}: the catalog is read first
     * (names, types, columns) so that the engine resolves {@code *} and unqualified names and
     * events carry names as BigQuery reports them; then views and jobs are fed to it as they
     * stream past.
     */
    @Override
    public EventStream<LineageEvent> lineage(QueryLogWindow window, CollectionReport report) {
        requireNonNull(report, "report is null");
        LineageDeriver deriver = new LineageDeriver(io.mcpush.lineage.Dialect.BIGQUERY, null, report);
        JobLineage jobs = new JobLineage(deriver);
        try (EventStream<RelationalAsset> catalog = new DatasetWalk(report, true)) {
            RelationalAsset a;
            while ((a = catalog.next()) != null) {
                deriver.learn(a);
                jobs.learn(a);
            }
        }
        CollectionReport again = new CollectionReport(); // the second pass must not count twice
        try (EventStream<RelationalAsset> views = new DatasetWalk(again, false)) {
            RelationalAsset a;
            while ((a = views.next()) != null) {
                deriver.addView(a);
            }
        }
        List<String> seen = report.warnings();
        for (String w : again.warnings()) {
            if (!seen.contains(w)) {
                report.warn(w);
            }
        }
        if (window != null && !window.isEmpty()) {
            for (String project : config.projects()) {
                for (String region : config.regions()) {
                    Iterator<FieldValueList> rows = jobRows(project, region, window, true);
                    while (hasNext(rows, project, region)) {
                        jobs.add(JobsQuery.job(rows.next()), project);
                    }
                }
            }
        }
        return jobs.events(report);
    }

    @Override
    public EventStream<QueryLogEntry> queryLogs(QueryLogWindow window, CollectionReport report) {
        requireNonNull(window, "window is null");
        requireNonNull(report, "report is null");
        if (window.isEmpty()) {
            return EventStream.empty();
        }
        return new JobWalk(window, report);
    }

    /** What narrows the jobs of {@code project} in {@code region}; nothing here. */
    protected JobsQuery.Filter jobFilter(String project, String region) {
        return JobsQuery.Filter.NONE;
    }

    private Iterator<FieldValueList> jobRows(String project, String region, QueryLogWindow window,
            boolean lineageOnly) {
        JobsQuery.Filter filter = jobFilter(project, region);
        return client().query("the jobs of project " + project + " in " + region, project,
                JobsQuery.sql(project, region, filter, lineageOnly), JobsQuery.parameters(window, filter, lineageOnly));
    }

    private static boolean hasNext(Iterator<FieldValueList> rows, String project, String region) {
        try {
            return rows.hasNext();
        } catch (BigQueryFailure e) {
            throw new SourceException("cannot read the jobs of project " + project + " in " + region + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** Query-log entries of every project and region, read page by page. */
    private final class JobWalk implements EventStream<QueryLogEntry> {
        private final QueryLogWindow window;
        private final CollectionReport report;
        private final Iterator<String[]> targets;
        private Iterator<FieldValueList> rows;
        private String project;
        private String region;
        private long unfinished;

        JobWalk(QueryLogWindow window, CollectionReport report) {
            this.window = window;
            this.report = report;
            List<String[]> t = new ArrayList<>();
            for (String p : config.projects()) {
                for (String r : config.regions()) {
                    t.add(new String[] {p, r});
                }
            }
            this.targets = t.iterator();
        }

        @Override
        public QueryLogEntry next() {
            while (true) {
                if (rows != null && hasNext(rows, project, region)) {
                    JobsQuery.Job job = JobsQuery.job(rows.next());
                    QueryLogEntry e = JobsQuery.entry(job, project, region);
                    if (e == null) {
                        unfinished++;
                        continue;
                    }
                    report.count("queries");
                    if (job.failed()) {
                        report.count("failed queries");
                    }
                    return e;
                }
                rows = null;
                if (!targets.hasNext()) {
                    if (unfinished > 0) {
                        report.warn(unfinished + " jobs created in the window " + window + " had not finished "
                                + "when collected and are not in the query logs; a longer --lag collects them");
                        unfinished = 0;
                    }
                    return null;
                }
                String[] t = targets.next();
                project = t[0];
                region = t[1];
                try {
                    rows = jobRows(project, region, window, false);
                } catch (BigQueryFailure e) {
                    throw new SourceException("cannot read the jobs of project " + project + " in " + region + ": "
                            + e.getMessage(), e);
                }
            }
        }

        @Override
        public void close() {
            rows = null;
        }
    }

    /** Every table and view of every dataset in scope, one dataset query at a time. */
    private final class DatasetWalk implements EventStream<RelationalAsset> {
        private final CollectionReport report;
        private final boolean withColumns;
        private final Iterator<String> projects;
        private int projectsRead;
        private BigQueryFailure lastProjectFailure;
        private Iterator<Dataset> datasets;
        private Iterator<FieldValueList> rows;
        private String project;
        private String dataset;

        DatasetWalk(CollectionReport report, boolean withColumns) {
            this.report = report;
            this.withColumns = withColumns;
            this.projects = config.projects().iterator();
        }

        @Override
        public RelationalAsset next() {
            while (true) {
                if (rows != null) {
                    FieldValueList row = nextRow();
                    if (row != null) {
                        RelationalAsset a = DatasetQuery.asset(project, dataset, row, withColumns);
                        if (!config.filter().table(a.metadata().name())) {
                            continue;
                        }
                        report.count(RelationalAsset.VIEW.equals(a.type()) ? "views" : "tables");
                        if (!a.fields().isEmpty()) {
                            report.count("columns", a.fields().size());
                        }
                        return a;
                    }
                    rows = null;
                }
                if (datasets != null) {
                    Dataset d = nextDataset();
                    if (d != null) {
                        openDataset(d.getDatasetId().getDataset());
                        continue;
                    }
                    datasets = null;
                }
                if (!projects.hasNext()) {
                    if (projectsRead == 0 && lastProjectFailure != null) {
                        throw lastProjectFailure;
                    }
                    return null;
                }
                project = projects.next();
                if (!config.filter().database(project)) {
                    continue;
                }
                try {
                    datasets = client().datasets(project);
                    projectsRead++;
                    report.count("projects");
                } catch (BigQueryFailure e) {
                    lastProjectFailure = e;
                    report.warn(e.getMessage());
                }
            }
        }

        private Dataset nextDataset() {
            try {
                return datasets.hasNext() ? datasets.next() : null;
            } catch (BigQueryFailure e) {
                report.warn(e.getMessage());
                return null;
            }
        }

        private void openDataset(String id) {
            if (!config.filter().schema(id)) {
                return;
            }
            dataset = id;
            try {
                rows = client().query("the tables of dataset " + project + "." + id, project,
                        DatasetQuery.sql(project, id, withColumns), java.util.Map.of());
                report.count("datasets");
            } catch (BigQueryFailure e) {
                report.warn(e.getMessage());
            }
        }

        private FieldValueList nextRow() {
            try {
                return rows.hasNext() ? rows.next() : null;
            } catch (BigQueryFailure e) {
                report.warn(e.getMessage() + " (the dataset was read in part)");
                return null;
            }
        }

        @Override
        public void close() {
            rows = null;
            datasets = null;
        }
    }
}
