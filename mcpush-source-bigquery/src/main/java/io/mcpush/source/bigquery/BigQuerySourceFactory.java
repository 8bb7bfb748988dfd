package io.mcpush.source.bigquery;

import io.mcpush.source.Capability;
import io.mcpush.source.Source;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOption;
import io.mcpush.source.SourceOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code --source bigquery}: BigQuery projects through the REST API and INFORMATION_SCHEMA. Stateless. */
public final class BigQuerySourceFactory implements SourceFactory {
    public static final String TYPE = "bigquery";
    /**
     * INFORMATION_SCHEMA.JOBS shows jobs within seconds; the lag is for jobs still running when
     * the window is collected (they have no end time yet and would be missed).
     */
    public static final Duration DEFAULT_LAG = Duration.ofMinutes(10);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Google BigQuery: datasets, tables and views with nested fields, descriptions, view SQL, row counts, "
                + "sizes, last change; lineage from job metadata and job SQL; query logs from INFORMATION_SCHEMA.JOBS.";
    }

    @Override
    public Set<Capability> capabilities() {
        return BigQuerySource.CAPABILITIES;
    }

    @Override
    public List<SourceOption> options() {
        List<SourceOption> all = new ArrayList<>(BigQueryOptionKeys.connection());
        all.addAll(BigQueryOptionKeys.collection());
        return List.copyOf(all);
    }

    @Override
    public List<String> grants() {
        return grantsList();
    }

    /** Shared with the Iceberg source, which needs the same roles. */
    public static List<String> grantsList() {
        return List.of(
                "roles/bigquery.jobUser on the --project (bigquery.jobs.create: every read is a query job billed there)",
                "roles/bigquery.metadataViewer on each collected project or dataset (datasets list, "
                        + "INFORMATION_SCHEMA.TABLES/COLUMNS/COLUMN_FIELD_PATHS/TABLE_OPTIONS/VIEWS, __TABLES__, "
                        + "TABLE_STORAGE); no access to table data is needed",
                "roles/bigquery.resourceViewer on each collected project (bigquery.jobs.listAll: "
                        + "INFORMATION_SCHEMA.JOBS of all users, for query logs and lineage)");
    }

    @Override
    public List<String> notes() {
        return List.of(
                "database = project id, schema = dataset id, names exactly as BigQuery reports them (case kept)",
                "one query per dataset (TABLES + TABLE_OPTIONS + VIEWS + __TABLES__ + COLUMN_FIELD_PATHS); "
                        + "nested RECORD fields are columns named a.b.c; types canonical (INT64 -> INTEGER, "
                        + "STRING -> VARCHAR, STRUCT<...> -> STRUCT, parameters dropped)",
                "views -> VIEW with their SQL; materialized views, snapshots, clones, external tables -> TABLE "
                        + "(materialized views with their DDL); external tables have no volume or freshness",
                "volume and freshness from __TABLES__ (row_count, size_bytes, last_modified_time), exact at once; "
                        + "BigLake Iceberg tables are not in __TABLES__: collect them with --source bigquery-iceberg",
                "hidden datasets (names starting with _) are not listed by the API and not collected",
                "query logs: QUERY jobs of INFORMATION_SCHEMA.JOBS per --region, creation_time in the window "
                        + "(bind parameters); failed jobs carry error_code (reason) and error_text; this tool's own "
                        + "jobs (label mcpush=collector) are left out; jobs unfinished when collected are counted "
                        + "in a warning (default --lag 10m)",
                "lineage: table edges from each successful job's destination_table and referenced_tables, "
                        + "column edges from its SQL by the lineage engine; plus view definitions",
                "every collection runs query jobs in --project (INFORMATION_SCHEMA queries bill at least 10 MB each)");
    }

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public Duration defaultLag() {
        return DEFAULT_LAG;
    }

    @Override
    public Source create(SourceOptions options) {
        options.checkKnown(options());
        return new BigQuerySource(BigQueryConfig.from(options));
    }
}
