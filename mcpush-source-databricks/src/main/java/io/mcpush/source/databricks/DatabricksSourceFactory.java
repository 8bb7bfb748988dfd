package io.mcpush.source.databricks;

import io.mcpush.source.Capability;
import io.mcpush.source.Source;
import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOption;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code --source databricks}: a Databricks workspace with Unity Catalog, read through a SQL warehouse. Stateless. */
public final class DatabricksSourceFactory implements SourceFactory {
    public static final String TYPE = "databricks";
    static final SourceOption HOST = SourceOption.value("host", "HOST",
            "Workspace host, e.g. adb-1234567890123456.7.azuredatabricks.net (with --http-path; or give --jdbc-url).");
    static final SourceOption HTTP_PATH = SourceOption.value("http-path", "PATH",
            "HTTP path of the SQL warehouse, e.g. /sql/1.0/warehouses/abc123 (Connection details tab).");
    static final SourceOption TOKEN_ENV = SourceOption.value("token-env", "VAR",
            "Read the personal access token from this environment variable, e.g. DATABRICKS_TOKEN (never a flag value).");
    static final SourceOption TOKEN_FILE = SourceOption.value("token-file", "FILE",
            "Read the personal access token from the first line of this file.");
    static final SourceOption SYSTEM_CATALOG = SourceOption.value("system-catalog", "NAME",
            "Catalog holding the system tables (default: system; e.g. a catalog shared from another metastore).");
    static final SourceOption WORKSPACE_ID = SourceOption.value("workspace-id", "ID",
            "Only lineage and queries of this workspace (system tables hold every workspace of the account's region).");
    static final SourceOption TABLE_LINEAGE_ONLY = SourceOption.flag("table-lineage-only",
            "Skip system.access.column_lineage (column lineage is collected by default).");
    static final SourceOption TABLE_DETAILS = SourceOption.flag("table-details",
            "Run DESCRIBE DETAIL per table for byte size, row count (when Delta statistics have it) and last "
                    + "modification time: one statement per table, see --table-details-concurrency.");
    static final SourceOption TABLE_DETAILS_CONCURRENCY = SourceOption.value("table-details-concurrency", "N",
            "DESCRIBE DETAIL statements run at once, each on its own connection (default: "
                    + DatabricksConfig.DEFAULT_DETAIL_CONCURRENCY + ", at most " + DatabricksConfig.MAX_DETAIL_CONCURRENCY + ").");
    static final SourceOption PAGE_SIZE = SourceOption.value("page-size", "ROWS",
            "Query-history rows per page; pages continue until the window is read (default: "
                    + DatabricksConfig.DEFAULT_PAGE_SIZE + ").");

    /**
     * system.query.history: "records are typically available within one hour" (Databricks'
     * system table reference); the lineage tables arrive on a similar schedule. A window closes
     * this long before now so that late records are not skipped for good.
     */
    static final Duration DEFAULT_LAG = Duration.ofMinutes(90);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Databricks with Unity Catalog through a SQL warehouse: every catalog's tables, views, materialized "
                + "views and streaming tables with column types, comments and view SQL; native table and column lineage "
                + "(system.access); query logs with failures (system.query.history).";
    }

    @Override
    public Set<Capability> capabilities() {
        return DatabricksSource.CAPABILITIES;
    }

    @Override
    public List<SourceOption> options() {
        List<SourceOption> all = new ArrayList<>();
        all.add(HOST);
        all.add(HTTP_PATH);
        all.add(TOKEN_ENV);
        all.add(TOKEN_FILE);
        all.addAll(JdbcOptions.connection());
        all.addAll(JdbcOptions.collection());
        all.add(SYSTEM_CATALOG);
        all.add(WORKSPACE_ID);
        all.add(TABLE_LINEAGE_ONLY);
        all.add(TABLE_DETAILS);
        all.add(TABLE_DETAILS_CONCURRENCY);
        all.add(PAGE_SIZE);
        return List.copyOf(all);
    }

    @Override
    public List<String> grants() {
        return List.of(
                "CAN USE on the SQL warehouse named by --http-path",
                "USE CATALOG on each catalog to collect and USE SCHEMA on its schemas; BROWSE (or SELECT) on the "
                        + "tables and views (information_schema shows only what the user may see)",
                "with --table-details: SELECT on the tables (DESCRIBE DETAIL reads the Delta log)",
                "lineage: USE CATALOG on system, USE SCHEMA on system.access, SELECT on system.access.table_lineage "
                        + "and system.access.column_lineage (an account admin enables the access schema and grants these)",
                "query logs: USE SCHEMA on system.query, SELECT on system.query.history (granted by an account admin; "
                        + "or a dynamic view of it in a catalog named by --system-catalog)");
    }

    @Override
    public List<String> notes() {
        return List.of(
                "catalogs: every Unity Catalog catalog the user can see (system.information_schema.catalogs); the system "
                        + "catalog and __databricks_internal are skipped; hive_metastore has no information_schema and "
                        + "is reported as not collected",
                "table types: MANAGED, EXTERNAL, FOREIGN, STREAMING_TABLE and MATERIALIZED_VIEW are TABLE (they hold "
                        + "data), VIEW is VIEW with its view_definition as view_query; column types are full_data_type "
                        + "(decimal(10,2), array<string>, struct<...>) as Databricks writes them",
                "volume and freshness: Unity Catalog's information_schema has neither sizes nor row counts nor a data "
                        + "change time (last_altered is the definition's). Without --table-details tables carry schema "
                        + "only, and the run reports how many; with it, one DESCRIBE DETAIL per table (bounded "
                        + "concurrency) gives sizeInBytes, lastModified (last Delta commit) and numRows when the "
                        + "table's statistics hold it",
                "lineage is Unity Catalog's own (no SQL parsing): one event per destination with all its sources in "
                        + "the window, refs typed TABLE or VIEW; column lineage is sent as separate events per "
                        + "destination; storage-path sources and targets, reads without a target and writes without "
                        + "a source cannot be pushed and are counted in the report",
                "query logs: every statement that started in the window, FINISHED, FAILED and CANCELED (error_code = "
                        + "the error class such as INSUFFICIENT_PERMISSIONS); statements without text (customer-managed "
                        + "keys) or without an end time are counted, not sent; extra holds total_task_duration_ms, "
                        + "read_rows, read_bytes, total_duration_ms, statement_type, execution_status, warehouse_id, "
                        + "workspace_id",
                "system tables span the account's region: --workspace-id keeps one workspace's lineage and queries",
                "default lag 90 min: query history arrives typically within an hour",
                "authentication: personal access token (AuthMech=3, sent as a connection property, never in the URL); "
                        + "OAuth machine-to-machine is not offered yet");
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
        DatabricksConfig config = DatabricksConfig.from(options);
        if (config.jdbc().onlyFreshnessAndVolume() && !config.tableDetails()) {
            throw new SourceConfigException(JdbcOptions.ONLY_FRESHNESS_AND_VOLUME.name(), "--only-freshness-and-volume "
                    + "needs --table-details: Unity Catalog's information_schema has no sizes or change times");
        }
        return new DatabricksSource(config);
    }
}
