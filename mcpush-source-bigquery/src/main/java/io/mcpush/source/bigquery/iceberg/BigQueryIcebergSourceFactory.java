package io.mcpush.source.bigquery.iceberg;

import io.mcpush.source.Capability;
import io.mcpush.source.Source;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOption;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.bigquery.BigQueryConfig;
import io.mcpush.source.bigquery.BigQueryOptionKeys;
import io.mcpush.source.bigquery.BigQuerySourceFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code --source bigquery-iceberg}: BigLake Iceberg tables through INFORMATION_SCHEMA.TABLE_STORAGE. Stateless. */
public final class BigQueryIcebergSourceFactory implements SourceFactory {
    public static final String TYPE = "bigquery-iceberg";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "BigQuery BigLake Iceberg tables (invisible to __TABLES__): rows, bytes and storage change time from "
                + "INFORMATION_SCHEMA.TABLE_STORAGE per region, nested fields; query logs of the jobs touching them.";
    }

    @Override
    public Set<Capability> capabilities() {
        return BigQueryIcebergSource.CAPABILITIES;
    }

    @Override
    public List<SourceOption> options() {
        List<SourceOption> all = new ArrayList<>(BigQueryOptionKeys.connection());
        all.addAll(BigQueryOptionKeys.collection());
        return List.copyOf(all);
    }

    @Override
    public List<String> grants() {
        return BigQuerySourceFactory.grantsList();
    }

    @Override
    public List<String> notes() {
        return List.of(
                "Iceberg tables = TABLE_STORAGE rows with managed_table_type = 'BIGLAKE' and not deleted, in every "
                        + "--region (comma list; default region-us); type TABLE; database = project, schema = dataset",
                "volume: total_rows and total_logical_bytes (current_physical_bytes when no logical size); "
                        + "freshness: storage_last_modified_time, omitted when BigQuery reports none (never 'now')",
                "columns: one COLUMN_FIELD_PATHS query per dataset for all its Iceberg tables (names bound as an "
                        + "array parameter), nested fields as a.b.c; none with --only-freshness-and-volume "
                        + "(cheap hourly runs; run without it about daily)",
                "query logs: the jobs of INFORMATION_SCHEMA.JOBS that read or wrote an Iceberg table of the same "
                        + "project and region, same mapping and --lag as --source bigquery",
                "no lineage: --source bigquery derives job lineage for all tables, Iceberg ones included",
                "needs project-level metadata rights: TABLE_STORAGE is a project-wide view");
    }

    @Override
    public String resourceType() {
        return BigQuerySourceFactory.TYPE;
    }

    @Override
    public Duration defaultLag() {
        return BigQuerySourceFactory.DEFAULT_LAG;
    }

    @Override
    public Source create(SourceOptions options) {
        options.checkKnown(options());
        return new BigQueryIcebergSource(BigQueryConfig.from(options));
    }
}
