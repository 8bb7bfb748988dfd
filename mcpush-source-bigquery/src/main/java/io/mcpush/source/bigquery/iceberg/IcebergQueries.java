package io.mcpush.source.bigquery.iceberg;

import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryParameterValue;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.AssetFreshness;
import io.mcpush.sdk.model.AssetMetadata;
import io.mcpush.sdk.model.AssetVolume;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.bigquery.BigQueryNames;
import io.mcpush.source.bigquery.JobsQuery;
import io.mcpush.source.bigquery.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the Iceberg source. BigLake Iceberg tables are the rows of a region's
 * {@code INFORMATION_SCHEMA.TABLE_STORAGE} with {@code managed_table_type = 'BIGLAKE'} (BigQuery
 * tables for Apache Iceberg; {@code __TABLES__} does not list them); their columns come from one
 * {@code COLUMN_FIELD_PATHS} query per dataset for all its Iceberg tables, the names bound as an
 * array parameter, never pasted into the SQL. Stateless.
 */
final class IcebergQueries {
    static final String MANAGED_TABLE_TYPE = "BIGLAKE";

    private IcebergQueries() {
    }

    /** The live BigLake tables of a project in a region, ordered so that each dataset's tables are together. */
    static String storageSql(String project, String region) {
        return "SELECT table_schema, table_name, creation_time, total_rows, total_logical_bytes,\n"
                + "  current_physical_bytes, storage_last_modified_time\n"
                + "FROM " + BigQueryNames.regionView(project, region, "TABLE_STORAGE") + "\n"
                + "WHERE managed_table_type = @managed_table_type AND NOT deleted\n"
                + "ORDER BY table_schema, table_name";
    }

    static Map<String, QueryParameterValue> storageParameters() {
        return Map.of("managed_table_type", QueryParameterValue.string(MANAGED_TABLE_TYPE));
    }

    /** The fields of the named tables of one dataset, one row per table, nested fields as {@code a.b.c}. */
    static String columnsSql(String project, String dataset) {
        return "SELECT p.table_name,\n"
                + "  ARRAY_AGG(STRUCT(p.field_path AS name, p.data_type AS type, p.description AS description)\n"
                + "    ORDER BY c.ordinal_position, p.field_path) AS fields\n"
                + "FROM " + BigQueryNames.datasetView(project, dataset, "COLUMN_FIELD_PATHS") + " AS p\n"
                + "JOIN " + BigQueryNames.datasetView(project, dataset, "COLUMNS") + " AS c\n"
                + "  ON c.table_name = p.table_name AND c.column_name = p.column_name AND c.is_hidden = 'NO'\n"
                + "WHERE p.table_name IN UNNEST(@tables)\n"
                + "GROUP BY p.table_name";
    }

    static Map<String, QueryParameterValue> columnsParameters(List<String> tables) {
        return Map.of("tables", QueryParameterValue.array(tables.toArray(new String[0]), String.class));
    }

    /**
     * Narrows JOBS to the jobs that read or wrote a BigLake table of the project in that region
     * (deleted ones included: a job of the window may have touched a table dropped since).
     */
    static JobsQuery.Filter jobFilter(String project, String region) {
        String with = "WITH iceberg AS (\n"
                + "  SELECT DISTINCT table_schema, table_name\n"
                + "  FROM " + BigQueryNames.regionView(project, region, "TABLE_STORAGE") + "\n"
                + "  WHERE managed_table_type = @managed_table_type)\n";
        String condition = "(EXISTS (SELECT 1 FROM iceberg AS i\n"
                + "      WHERE j.destination_table.project_id = @iceberg_project\n"
                + "        AND i.table_schema = j.destination_table.dataset_id AND i.table_name = j.destination_table.table_id)\n"
                + "    OR EXISTS (SELECT 1 FROM UNNEST(j.referenced_tables) AS r JOIN iceberg AS i\n"
                + "      ON i.table_schema = r.dataset_id AND i.table_name = r.table_id\n"
                + "      WHERE r.project_id = @iceberg_project))";
        return new JobsQuery.Filter(with, condition, Map.of(
                "managed_table_type", QueryParameterValue.string(MANAGED_TABLE_TYPE),
                "iceberg_project", QueryParameterValue.string(project)));
    }

    /**
     * A TABLE_STORAGE row as an asset: volume from {@code total_rows} and the logical bytes
     * (physical when BigQuery reports no logical size), freshness from
     * {@code storage_last_modified_time} — and none when that is null: inventing "now" would
     * tell the freshness monitor the table changed when nothing is known.
     */
    static RelationalAsset asset(String project, FieldValueList row, List<AssetField> fields) {
        Long rows = Rows.integer(row, "total_rows");
        Long bytes = Rows.integer(row, "total_logical_bytes");
        if (bytes == null) {
            bytes = Rows.integer(row, "current_physical_bytes");
        }
        Instant modified = Rows.timestamp(row, "storage_last_modified_time");
        Instant created = Rows.timestamp(row, "creation_time");
        return new RelationalAsset(RelationalAsset.TABLE,
                new AssetMetadata(Rows.text(row, "table_name"), project, Rows.text(row, "table_schema"), null, null,
                        created == null ? null : Timestamps.toWire(created)),
                List.of(), fields, rows == null && bytes == null ? null : new AssetVolume(rows, bytes),
                modified == null ? null : new AssetFreshness(Timestamps.toWire(modified)));
    }
}
