package io.mcpush.source.bigquery;

import io.mcpush.source.SourceOption;
import io.mcpush.source.jdbc.JdbcOptions;
import java.util.List;

/** The options the BigQuery sources share (same keys in the config file). */
public final class BigQueryOptionKeys {
    public static final SourceOption PROJECT = SourceOption.value("project", "ID",
            "Project that runs (and is billed for) the INFORMATION_SCHEMA queries; default: the project of the "
                    + "service-account key file.");
    public static final SourceOption PROJECTS = SourceOption.value("projects", "ID[,ID...]",
            "Projects to collect, comma-separated (default: --project).");
    public static final SourceOption REGION = SourceOption.value("region", "LOCATION[,LOCATION...]",
            "Locations whose INFORMATION_SCHEMA.JOBS (and TABLE_STORAGE) are read, comma-separated: us, eu, "
                    + "europe-west4 or region-us (default: region-us).");
    public static final SourceOption CREDENTIALS_FILE = SourceOption.value("credentials-file", "FILE",
            "Service-account key file (JSON). Without it: application-default credentials "
                    + "(GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default login, or the metadata server).");
    public static final SourceOption BIGQUERY_ENDPOINT = SourceOption.value("bigquery-endpoint", "URL",
            "BigQuery REST root (default: https://bigquery.googleapis.com); for Private Service Connect endpoints.");

    private BigQueryOptionKeys() {
    }

    /** Connection options: projects, regions, credentials, endpoint. */
    public static List<SourceOption> connection() {
        return List.of(PROJECT, PROJECTS, REGION, CREDENTIALS_FILE, BIGQUERY_ENDPOINT);
    }

    /** Name filters (database = project, schema = dataset) and {@code only-freshness-and-volume}. */
    public static List<SourceOption> collection() {
        return List.of(JdbcOptions.INCLUDE_DATABASE, JdbcOptions.EXCLUDE_DATABASE, JdbcOptions.INCLUDE_SCHEMA,
                JdbcOptions.EXCLUDE_SCHEMA, JdbcOptions.INCLUDE_TABLE, JdbcOptions.EXCLUDE_TABLE,
                JdbcOptions.ONLY_FRESHNESS_AND_VOLUME);
    }
}
