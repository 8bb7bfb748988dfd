package io.mcpush.source.duckdb;

import io.mcpush.source.Capability;
import io.mcpush.source.Source;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOption;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code --source duckdb}: an embedded DuckDB database file. Stateless. */
public final class DuckDbSourceFactory implements SourceFactory {
    public static final String TYPE = "duckdb";
    static final SourceOption DATABASE_FILE = SourceOption.value("database-file", "FILE",
            "DuckDB database file (instead of --jdbc-url jdbc:duckdb:FILE).");
    static final SourceOption READ_WRITE = SourceOption.flag("read-write",
            "Open the file read-write (default: read-only; needed only when this JVM already has it open read-write).");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Embedded DuckDB database file: tables and views with column types and comments, view SQL, row counts; "
                + "table and column lineage from view definitions.";
    }

    @Override
    public Set<Capability> capabilities() {
        return DuckDbSource.CAPABILITIES;
    }

    @Override
    public List<SourceOption> options() {
        List<SourceOption> all = new ArrayList<>(JdbcOptions.connection());
        all.add(DATABASE_FILE);
        all.add(READ_WRITE);
        all.addAll(JdbcOptions.collection());
        return List.copyOf(all);
    }

    @Override
    public List<String> grants() {
        return List.of("read access to the database file (it is opened read-only; DuckDB has no users or grants)");
    }

    @Override
    public List<String> notes() {
        return List.of(
                "no query logs: DuckDB keeps no query history; lineage comes from view definitions only",
                "no freshness: DuckDB records no last-modified or creation time for a table",
                "row counts are DuckDB's estimated_size (rows in storage; deleted rows may count until a checkpoint)",
                "no byte size per table: DuckDB reports sizes only per database file",
                "view_query is the CREATE VIEW statement as DuckDB stores it",
                "--user and the password options are accepted for uniformity and ignored by DuckDB files");
    }

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public Source create(SourceOptions options) {
        options.checkKnown(options());
        return new DuckDbSource(DuckDbConfig.from(options));
    }
}
