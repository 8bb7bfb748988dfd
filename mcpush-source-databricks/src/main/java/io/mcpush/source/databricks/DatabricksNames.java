package io.mcpush.source.databricks;

import io.mcpush.sdk.TableTypes;
import io.mcpush.source.jdbc.Dialect;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Databricks SQL naming rules: identifiers in backticks with an embedded backtick doubled
 * ({@code `a``b`}), the Unity Catalog table types, and the error class that Databricks puts in
 * front of its error messages. Stateless.
 */
public final class DatabricksNames {
    /**
     * Backticks (the only identifier quote Databricks SQL accepts), Unity Catalog's table types,
     * and {@code information_schema}, the schema every catalog holds for the catalog itself.
     */
    public static final Dialect DIALECT = new Dialect("databricks", '`', TableTypes.Warehouse.DATABRICKS,
            Set.of("information_schema"));

    /** {@code [INSUFFICIENT_PERMISSIONS] Insufficient privileges: ...} and {@code [DELTA_X.SUB_CLASS] ...}. */
    private static final Pattern ERROR_CLASS = Pattern.compile("^\\s*\\[([A-Z][A-Z0-9_]*(?:\\.[A-Z0-9_]+)*)\\]");

    private DatabricksNames() {
    }

    /** {@code `identifier`}, any name referring exactly to itself. */
    public static String quote(String identifier) {
        return DIALECT.quote(identifier);
    }

    /** {@code `catalog`.`schema`.`table`}. */
    public static String qualified(String... parts) {
        return DIALECT.qualified(parts);
    }

    /**
     * {@code TABLE} or {@code VIEW} for a Unity Catalog type: {@code VIEW} is the only view;
     * {@code MANAGED}, {@code EXTERNAL}, {@code FOREIGN}, {@code STREAMING_TABLE},
     * {@code MATERIALIZED_VIEW} (it holds data) and lineage's {@code TABLE} are tables.
     */
    public static String tableType(String nativeType) {
        return DIALECT.tableType(nativeType);
    }

    /**
     * The error class of a Databricks error message ({@code INSUFFICIENT_PERMISSIONS} for
     * {@code [INSUFFICIENT_PERMISSIONS] Insufficient privileges...}), or null when it names none.
     */
    public static String errorClass(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = ERROR_CLASS.matcher(message);
        return m.find() ? m.group(1) : null;
    }

    /** The legacy per-workspace Hive metastore: it has no information_schema. */
    static boolean isHiveMetastore(String catalog) {
        return catalog.toLowerCase(Locale.ROOT).equals("hive_metastore");
    }
}
