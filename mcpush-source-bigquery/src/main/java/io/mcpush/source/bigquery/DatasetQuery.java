package io.mcpush.source.bigquery;

import com.google.cloud.bigquery.FieldValueList;
import io.mcpush.sdk.TableTypes;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.AssetFreshness;
import io.mcpush.sdk.model.AssetMetadata;
import io.mcpush.sdk.model.AssetVolume;
import io.mcpush.sdk.model.RelationalAsset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one query per dataset that yields every table and view of it, one row each: type and
 * creation time from {@code INFORMATION_SCHEMA.TABLES}, the description from
 * {@code TABLE_OPTIONS}, the view text from {@code VIEWS} (and the DDL of materialized views),
 * rows, bytes and last change from {@code __TABLES__}, and the columns from
 * {@code COLUMN_FIELD_PATHS} — nested RECORD fields as {@code a.b.c}, in column order, without
 * pseudo-columns such as {@code _PARTITIONTIME} (COLUMNS.is_hidden) — folded
 * into one array per table so that a table never spans rows.
 *
 * <p>Why {@code __TABLES__} and not {@code TABLE_STORAGE}: it is per dataset like the rest of the
 * query (one region-free round trip, readable with dataset-level metadataViewer, where
 * TABLE_STORAGE needs project-level rights and the dataset's region), and exact at once, where
 * TABLE_STORAGE lags. It lists no BigLake Iceberg tables: they come without volume here and with
 * it from the {@code bigquery-iceberg} source. Stateless.
 */
public final class DatasetQuery {
    private DatasetQuery() {
    }

    /** The SQL for {@code project.dataset}; without the column array when {@code withColumns} is false. */
    public static String sql(String project, String dataset, boolean withColumns) {
        String columns = withColumns ? ",\n  f.fields" : "";
        String fieldsCte = withColumns ? "WITH fields AS (\n"
                + "  SELECT p.table_name,\n"
                + "    ARRAY_AGG(STRUCT(p.field_path AS name, p.data_type AS type, p.description AS description)\n"
                + "      ORDER BY c.ordinal_position, p.field_path) AS fields\n"
                + "  FROM " + BigQueryNames.datasetView(project, dataset, "COLUMN_FIELD_PATHS") + " AS p\n"
                + "  JOIN " + BigQueryNames.datasetView(project, dataset, "COLUMNS") + " AS c\n"
                + "    ON c.table_name = p.table_name AND c.column_name = p.column_name AND c.is_hidden = 'NO'\n"
                + "  GROUP BY p.table_name)\n" : "";
        String fieldsJoin = withColumns ? "LEFT JOIN fields AS f ON f.table_name = t.table_name\n" : "";
        return fieldsCte
                + "SELECT t.table_name, t.table_type, t.creation_time,\n"
                + "  IF(t.table_type = 'MATERIALIZED VIEW', t.ddl, v.view_definition) AS view_definition,\n"
                + "  o.option_value AS description,\n"
                + "  s.row_count, s.size_bytes, s.last_modified_time" + columns + "\n"
                + "FROM " + BigQueryNames.datasetView(project, dataset, "TABLES") + " AS t\n"
                + "LEFT JOIN " + BigQueryNames.datasetView(project, dataset, "VIEWS") + " AS v\n"
                + "  ON v.table_name = t.table_name\n"
                + "LEFT JOIN " + BigQueryNames.datasetView(project, dataset, "TABLE_OPTIONS") + " AS o\n"
                + "  ON o.table_name = t.table_name AND o.option_name = 'description'\n"
                + "LEFT JOIN " + BigQueryNames.qualified(project, dataset) + ".__TABLES__ AS s\n"
                + "  ON s.table_id = t.table_name\n"
                + fieldsJoin
                + "ORDER BY t.table_name";
    }

    /**
     * One row as an asset. Views carry their query and no volume or freshness; external tables
     * (whose data BigQuery does not hold) no volume or freshness either; a table missing from
     * {@code __TABLES__} (BigLake) has none rather than zeros.
     */
    public static RelationalAsset asset(String project, String dataset, FieldValueList row, boolean withColumns) {
        String name = Rows.text(row, "table_name");
        String nativeType = Rows.text(row, "table_type");
        String type = TableTypes.normalise(TableTypes.Warehouse.BIGQUERY, nativeType);
        String description = GoogleSqlLiterals.unquote(Rows.text(row, "description"));
        String viewQuery = Rows.text(row, "view_definition");
        List<AssetField> fields = withColumns ? fields(row) : List.of();
        boolean holdsData = RelationalAsset.TABLE.equals(type)
                && !"EXTERNAL".equals(nativeType == null ? null : nativeType.toUpperCase(Locale.ROOT));
        AssetVolume volume = null;
        AssetFreshness freshness = null;
        if (holdsData) {
            Long rows = Rows.integer(row, "row_count");
            Long bytes = Rows.integer(row, "size_bytes");
            if (rows != null || bytes != null) {
                volume = new AssetVolume(rows, bytes);
            }
            Instant modified = Rows.epochMillis(row, "last_modified_time");
            if (modified != null) {
                freshness = new AssetFreshness(Timestamps.toWire(modified));
            }
        }
        Instant created = Rows.timestamp(row, "creation_time");
        return new RelationalAsset(type, new AssetMetadata(name, project, dataset, blankToNull(description),
                blankToNull(viewQuery), created == null ? null : Timestamps.toWire(created)), List.of(), fields,
                volume, freshness);
    }

    /** The {@code fields} array of a row: name, canonical type, description. */
    public static List<AssetField> fields(FieldValueList row) {
        List<FieldValueList> records = Rows.records(row, "fields");
        List<AssetField> out = new ArrayList<>(records.size());
        for (FieldValueList f : records) {
            // STRUCT(name, type, description), in the order of the SQL
            out.add(new AssetField(Rows.text(f, 0), BigQueryTypes.canonical(Rows.text(f, 1)),
                    blankToNull(Rows.text(f, 2))));
        }
        return out;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
