package io.mcpush.lineage;

import static java.util.Objects.requireNonNull;

/**
 * A lineage endpoint: a table (or view) qualified as far as the SQL or the query's context
 * qualifies it, or a storage path such as {@code s3://bucket/prefix/} read by COPY or written by
 * UNLOAD. Names are already quoted-stripped and case-folded for the dialect.
 *
 * @param database the database (project, catalog), or null when unknown
 * @param schema the schema (dataset), or null when unknown
 * @param name the table name, or the path of a path endpoint
 * @param path whether this endpoint is a storage path rather than a table
 */
public record TableName(String database, String schema, String name, boolean path) {
    public TableName {
        requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name is empty");
        }
        if (database != null && schema == null) {
            throw new IllegalArgumentException("database '" + database + "' given without a schema");
        }
        if (path && (database != null || schema != null)) {
            throw new IllegalArgumentException("a path endpoint has no database or schema");
        }
    }

    /** A table name; {@code database} and {@code schema} may be null. */
    public static TableName of(String database, String schema, String name) {
        return new TableName(database, schema, name, false);
    }

    /** A storage path endpoint such as {@code s3://bucket/key} or a stage {@code @stage/dir}. */
    public static TableName ofPath(String path) {
        return new TableName(null, null, path, true);
    }

    /** Parses {@code db.schema.table}, {@code schema.table} or {@code table} (no quoting). */
    public static TableName parse(String qualified) {
        requireNonNull(qualified, "qualified is null");
        String[] parts = qualified.split("\\.", -1);
        switch (parts.length) {
            case 1:
                return of(null, null, parts[0]);
            case 2:
                return of(null, parts[0], parts[1]);
            default:
                return of(parts[parts.length - 3], parts[parts.length - 2], parts[parts.length - 1]);
        }
    }

    /** {@code db.schema.table} as far as known, or the path. */
    public String qualified() {
        if (path || schema == null) {
            return name;
        }
        return database == null ? schema + "." + name : database + "." + schema + "." + name;
    }

    @Override
    public String toString() {
        return qualified();
    }
}
