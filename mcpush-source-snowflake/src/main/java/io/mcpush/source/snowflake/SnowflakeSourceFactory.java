package io.mcpush.source.snowflake;

import io.mcpush.source.Capability;
import io.mcpush.source.Source;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOption;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code --source snowflake}: one Snowflake account through the official JDBC driver. Stateless. */
public final class SnowflakeSourceFactory implements SourceFactory {
    public static final String TYPE = "snowflake";
    static final SourceOption ACCOUNT = SourceOption.value("account", "ACCOUNT",
            "Account identifier (myorg-myaccount, or xy12345.us-east-1); instead of --jdbc-url "
                    + "jdbc:snowflake://ACCOUNT.snowflakecomputing.com/.");
    static final SourceOption WAREHOUSE = SourceOption.value("warehouse", "NAME",
            "Virtual warehouse to run the collection queries (default: the user's default warehouse).");
    static final SourceOption ROLE = SourceOption.value("role", "NAME",
            "Role to collect with (default: the user's default role).");
    static final SourceOption PRIVATE_KEY_FILE = SourceOption.value(PrivateKeyCredential.OPTION, "FILE",
            "Key-pair authentication: the user's private key, a PKCS#8 PEM file (openssl pkcs8 -topk8).");
    static final SourceOption PRIVATE_KEY_PASSPHRASE_ENV = SourceOption.value(PrivateKeyCredential.PASSPHRASE_OPTION,
            "VAR", "Read the passphrase of an encrypted --private-key-file from this environment variable.");
    static final SourceOption LINEAGE_FROM = SourceOption.value("lineage-from", "SOURCE",
            "auto (default: ACCESS_HISTORY, else the lineage engine on QUERY_HISTORY text), access-history "
                    + "or query-history.");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Snowflake account: tables, views, materialized/external/event tables per database from "
                + "INFORMATION_SCHEMA (columns with types, comments, row counts, bytes, last altered, view SQL); "
                + "table and column lineage from ACCOUNT_USAGE.ACCESS_HISTORY; query logs from "
                + "ACCOUNT_USAGE.QUERY_HISTORY.";
    }

    @Override
    public Set<Capability> capabilities() {
        return SnowflakeSource.CAPABILITIES;
    }

    @Override
    public List<SourceOption> options() {
        List<SourceOption> all = new ArrayList<>();
        all.add(ACCOUNT);
        all.addAll(JdbcOptions.connection());
        all.add(PRIVATE_KEY_FILE);
        all.add(PRIVATE_KEY_PASSPHRASE_ENV);
        all.add(WAREHOUSE);
        all.add(ROLE);
        all.addAll(JdbcOptions.collection());
        all.add(LINEAGE_FROM);
        return List.copyOf(all);
    }

    @Override
    public List<String> grants() {
        return List.of(
                "USAGE on the warehouse (GRANT USAGE ON WAREHOUSE wh TO ROLE r)",
                "USAGE on each database and schema to collect (GRANT USAGE ON DATABASE db / ON ALL SCHEMAS IN "
                        + "DATABASE db / ON FUTURE SCHEMAS IN DATABASE db TO ROLE r)",
                "REFERENCES (or SELECT) on the tables and views, so that INFORMATION_SCHEMA shows them "
                        + "(GRANT REFERENCES ON ALL TABLES / ALL VIEWS / FUTURE TABLES / FUTURE VIEWS IN DATABASE db); "
                        + "no data is read",
                "query logs and lineage: IMPORTED PRIVILEGES on the shared database SNOWFLAKE, for "
                        + "ACCOUNT_USAGE.QUERY_HISTORY and ACCESS_HISTORY (GRANT IMPORTED PRIVILEGES ON DATABASE "
                        + "SNOWFLAKE TO ROLE r; or the database roles SNOWFLAKE.GOVERNANCE_VIEWER and "
                        + "SNOWFLAKE.USAGE_VIEWER)",
                "key-pair authentication: the public key set on the user (ALTER USER u SET RSA_PUBLIC_KEY='MII...')");
    }

    @Override
    public List<String> notes() {
        return List.of(
                "ACCOUNT_USAGE.QUERY_HISTORY arrives up to 45 minutes late: query-log windows end 45 minutes "
                        + "before now by default (--lag)",
                "ACCESS_HISTORY needs Enterprise edition and arrives up to 3 hours late: lineage windows end 3 "
                        + "hours before now by default (a warning says so when --lag makes them end later); without it (Standard edition, "
                        + "no grant) lineage comes from the lineage engine on QUERY_HISTORY text, with a warning; an "
                        + "account where ACCESS_HISTORY answers but stays empty needs --lineage-from query-history",
                "lineage also covers views, from their definitions in INFORMATION_SCHEMA.VIEWS (secure views "
                        + "show their text only to their owner)",
                "materialized views, external tables, event tables, dynamic and transient tables are TABLE; "
                        + "transient-ness is not carried on the wire",
                "column types are formatted as DESCRIBE TABLE shows them (VARCHAR(16777216), NUMBER(38,0), "
                        + "TIMESTAMP_NTZ(9)); row counts and bytes are INFORMATION_SCHEMA.TABLES' (null for views "
                        + "and external tables); freshness is LAST_ALTERED (changed by DML, DDL and maintenance)",
                "the databases come from SHOW DATABASES (at most 10,000; a warning says when that many came back); "
                        + "SNOWFLAKE and SNOWFLAKE_SAMPLE_DATA only when --include-database names them",
                "query logs carry failed queries too (error_code, error_text); extra holds warehouse_name, "
                        + "bytes_scanned, warehouse_size, role_name, database_name, schema_name, query_type, "
                        + "query_tag, execution_status, total_elapsed_time_ms",
                "results are fetched in the JSON format (the Arrow format needs --add-opens java.base/java.nio on "
                        + "Java 17); collection queries are tagged QUERY_TAG='mcpush'");
    }

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public Duration defaultLag() {
        return SnowflakeSource.QUERY_HISTORY_LATENCY;
    }

    /** Lineage reads ACCESS_HISTORY, which arrives up to 3 hours late; query logs 45 minutes. */
    @Override
    public Duration defaultLag(io.mcpush.sdk.Flow flow) {
        return flow == io.mcpush.sdk.Flow.LINEAGE ? SnowflakeSource.ACCESS_HISTORY_LATENCY
                : SnowflakeSource.QUERY_HISTORY_LATENCY;
    }

    @Override
    public Source create(SourceOptions options) {
        options.checkKnown(options());
        return new SnowflakeSource(SnowflakeConfig.from(options));
    }
}
