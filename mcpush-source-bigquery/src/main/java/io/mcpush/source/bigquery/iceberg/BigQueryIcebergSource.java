package io.mcpush.source.bigquery.iceberg;

import static java.util.Objects.requireNonNull;

import com.google.cloud.bigquery.FieldValueList;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.bigquery.BigQueryClient.BigQueryFailure;
import io.mcpush.source.bigquery.BigQueryConfig;
import io.mcpush.source.bigquery.BigQuerySource;
import io.mcpush.source.bigquery.DatasetQuery;
import io.mcpush.source.bigquery.JobsQuery;
import io.mcpush.source.bigquery.Rows;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BigLake Iceberg tables of BigQuery: metadata from each project's and region's
 * {@code INFORMATION_SCHEMA.TABLE_STORAGE} (one query per project and region) with the columns
 * of each dataset's Iceberg tables in one {@code COLUMN_FIELD_PATHS} query (none with
 * {@code only-freshness-and-volume}); query logs of the jobs that read or wrote those tables.
 * Shares the client, options and jobs reading of {@link BigQuerySource}. Memory: the Iceberg
 * tables of one dataset at a time. Not thread-safe.
 */
public final class BigQueryIcebergSource extends BigQuerySource {
    public static final Set<Capability> CAPABILITIES = Set.of(Capability.METADATA, Capability.QUERY_LOGS);

    public BigQueryIcebergSource(BigQueryConfig config) {
        super(BigQueryIcebergSourceFactory.TYPE, config);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public boolean windowed(Flow flow) {
        return flow == Flow.QUERY_LOGS;
    }

    @Override
    public EventStream<LineageEvent> lineage(QueryLogWindow window, CollectionReport report) {
        throw new UnsupportedOperationException(BigQueryIcebergSourceFactory.TYPE
                + " collects no lineage (use --source bigquery: its job lineage covers Iceberg tables too)");
    }

    @Override
    protected JobsQuery.Filter jobFilter(String project, String region) {
        return IcebergQueries.jobFilter(project, region);
    }

    @Override
    public EventStream<RelationalAsset> metadata(CollectionReport report) {
        requireNonNull(report, "report is null");
        return new StorageWalk(report);
    }

    /** Projects × regions; in each, the TABLE_STORAGE rows grouped by dataset. */
    private final class StorageWalk implements EventStream<RelationalAsset> {
        private final CollectionReport report;
        private final Iterator<String[]> targets;
        private Iterator<FieldValueList> rows;
        private String project;
        private String region;
        private FieldValueList pending;
        private final Deque<RelationalAsset> ready = new ArrayDeque<>();
        private int targetsRead;
        private BigQueryFailure lastFailure;

        StorageWalk(CollectionReport report) {
            this.report = report;
            List<String[]> t = new ArrayList<>();
            for (String p : config().projects()) {
                if (config().filter().database(p)) {
                    for (String r : config().regions()) {
                        t.add(new String[] {p, r});
                    }
                }
            }
            this.targets = t.iterator();
        }

        @Override
        public RelationalAsset next() {
            while (true) {
                if (!ready.isEmpty()) {
                    return ready.poll();
                }
                if (rows != null) {
                    if (nextDataset()) {
                        continue;
                    }
                    rows = null;
                }
                if (!targets.hasNext()) {
                    if (targetsRead == 0 && lastFailure != null) {
                        throw lastFailure;
                    }
                    return null;
                }
                String[] t = targets.next();
                project = t[0];
                region = t[1];
                try {
                    rows = client().query("the table storage of project " + project + " in " + region, project,
                            IcebergQueries.storageSql(project, region), IcebergQueries.storageParameters());
                    targetsRead++;
                } catch (BigQueryFailure e) {
                    lastFailure = e;
                    report.warn(e.getMessage());
                }
            }
        }

        /** Reads the rows of the next dataset into {@link #ready}; false at the end of the rows. */
        private boolean nextDataset() {
            List<FieldValueList> group = new ArrayList<>();
            String dataset = null;
            while (true) {
                FieldValueList row = pending != null ? pending : nextRow();
                pending = null;
                if (row == null) {
                    break;
                }
                String schema = Rows.text(row, "table_schema");
                if (dataset != null && !dataset.equals(schema)) {
                    pending = row;
                    break;
                }
                dataset = schema;
                if (config().filter().schema(schema) && config().filter().table(Rows.text(row, "table_name"))) {
                    group.add(row);
                }
            }
            if (dataset == null) {
                return false;
            }
            if (group.isEmpty()) {
                return true;
            }
            report.count("datasets");
            Map<String, List<AssetField>> fields = config().onlyFreshnessAndVolume() ? Map.of() : fields(dataset, group);
            for (FieldValueList row : group) {
                RelationalAsset a = IcebergQueries.asset(project, row,
                        fields.getOrDefault(Rows.text(row, "table_name"), List.of()));
                report.count("iceberg tables");
                if (!a.fields().isEmpty()) {
                    report.count("columns", a.fields().size());
                }
                if (a.freshness() == null) {
                    report.count("iceberg tables without a storage change time");
                }
                ready.add(a);
            }
            return true;
        }

        private Map<String, List<AssetField>> fields(String dataset, List<FieldValueList> group) {
            List<String> names = new ArrayList<>(group.size());
            for (FieldValueList row : group) {
                names.add(Rows.text(row, "table_name"));
            }
            Map<String, List<AssetField>> out = new HashMap<>();
            try {
                Iterator<FieldValueList> it = client().query("the columns of dataset " + project + "." + dataset,
                        project, IcebergQueries.columnsSql(project, dataset), IcebergQueries.columnsParameters(names));
                while (it.hasNext()) {
                    FieldValueList row = it.next();
                    out.put(Rows.text(row, "table_name"), DatasetQuery.fields(row));
                }
            } catch (BigQueryFailure e) {
                report.warn(e.getMessage() + " (its Iceberg tables are sent with volume and freshness only)");
            }
            return out;
        }

        private FieldValueList nextRow() {
            try {
                return rows.hasNext() ? rows.next() : null;
            } catch (BigQueryFailure e) {
                report.warn(e.getMessage() + " (read in part)");
                return null;
            }
        }

        @Override
        public void close() {
            rows = null;
            ready.clear();
        }
    }
}
