package io.mcpush.source.redshift;

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

/**
 * {@code --source redshift}: Amazon Redshift, provisioned (RA3) or Serverless, read through the
 * SVV_ALL_* catalog views and the SYS_* monitoring views (Serverless has no STL/STV tables).
 * Stateless.
 */
public final class RedshiftSourceFactory implements SourceFactory {
    public static final String TYPE = "redshift";
    /**
     * SYS_QUERY_HISTORY has a row from the moment a query is planned and its end time once it
     * finishes; AWS documents no delivery delay for the SYS views (it is not measured here: no
     * Redshift). The window is keyed on start time, so the lag must cover the delay of the views
     * and the run time of the queries: ten minutes lets the usual query finish before its window
     * is read. A query still running at collection is counted in a warning, not collected.
     */
    static final Duration DEFAULT_LAG = Duration.ofMinutes(10);
    static final SourceOption ALL_DATABASES = SourceOption.flag("all-databases",
            "Collect every database of the cluster or workgroup (SVV_REDSHIFT_DATABASES, datashare databases included; "
                    + "--include-database/--exclude-database apply) instead of only the one in --jdbc-url.");
    static final SourceOption AWS_PROFILE = SourceOption.value("aws-profile", "NAME",
            "With a jdbc:redshift:iam:// URL: the AWS profile (~/.aws/config) to get temporary credentials with "
                    + "(default: the AWS default credential chain: environment, profile, instance role).");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Amazon Redshift (provisioned or Serverless): tables, views incl. late-binding views, external (Spectrum) "
                + "tables, comments, row counts and sizes, freshness from recent writes, query logs with their full text, "
                + "lineage from view definitions and queries.";
    }

    @Override
    public Set<Capability> capabilities() {
        return RedshiftSource.CAPABILITIES;
    }

    @Override
    public List<SourceOption> options() {
        List<SourceOption> all = new ArrayList<>(JdbcOptions.connection());
        all.addAll(JdbcOptions.collection());
        all.add(ALL_DATABASES);
        all.add(AWS_PROFILE);
        return List.copyOf(all);
    }

    @Override
    public List<String> grants() {
        return List.of(
                "USAGE on every schema to collect (GRANT USAGE ON SCHEMA s TO u); for external schemas USAGE too",
                "all users' rows of the SYS_* views (query logs of everyone, freshness of every table): "
                        + "GRANT ROLE sys:monitor TO u (or ALTER USER u SYSLOG ACCESS UNRESTRICTED); without it only "
                        + "the user's own queries are seen",
                "row counts and sizes: GRANT SELECT ON svv_table_info TO u (visible to superusers only by default)",
                "the catalog views SVV_ALL_SCHEMAS, SVV_ALL_TABLES, SVV_ALL_COLUMNS, SVV_REDSHIFT_DATABASES, PG_VIEWS, "
                        + "PG_USER and SVV_MV_INFO are readable by every user (rows limited to what the user may see)",
                "IAM URL (provisioned clusters): redshift:GetClusterCredentials for the AWS identity (and "
                        + "redshift:CreateClusterUser with AutoCreate=true)");
    }

    @Override
    public List<String> notes() {
        return List.of(
                "databases: the one in --jdbc-url; --all-databases lists SVV_REDSHIFT_DATABASES (dev included, "
                        + "padb_harvest skipped) and reads them through the cross-database SVV_ALL_* views",
                "volume: SVV_TABLE_INFO (estimated_visible_rows, else tbl_rows; size in 1 MB blocks x 1,048,576 bytes) "
                        + "covers only non-empty local tables of the connected database; empty tables, external tables "
                        + "and other databases get no volume rather than a guessed 0",
                "freshness: the end time of the latest successful query whose plan inserted into or deleted from the "
                        + "table (SYS_QUERY_DETAIL steps insert/delete, joined to SYS_QUERY_HISTORY status success), "
                        + "within the SYS views' retention (about 7 days); UPDATE and MERGE count (they delete and insert), "
                        + "TRUNCATE and DDL do not; a write later rolled back still counts; no write seen -> no freshness",
                "view definitions (pg_views, late-binding views included) only for the connected database",
                "materialized views (SVV_MV_INFO) are TABLE with their definition",
                "column types are canonical names: character varying(n) -> VARCHAR(n), numeric(p,s) -> DECIMAL(p,s), "
                        + "timestamp without time zone -> TIMESTAMP, others upper-cased",
                "query logs: SYS_QUERY_HISTORY, start_time in [watermark, now - lag), failed and canceled queries "
                        + "included with error_code = status and error_text = error_message; text from SYS_QUERY_TEXT "
                        + "pieces joined in order in Java (no LISTAGG limit); user names from PG_USER",
                "queries still running at collection are not collected (they are counted in a warning); "
                        + "the default lag of 10 minutes gives most queries time to finish",
                "lineage: SQL lineage engine (redshift dialect) on view definitions and successful queries; unqualified "
                        + "names resolve in the query's database and schema public",
                "authentication: user + password, or IAM with a jdbc:redshift:iam:// URL (--aws-profile or the AWS "
                        + "default credential chain) for provisioned clusters; IAM to Serverless needs the AWS SDK module "
                        + "redshiftserverless, which this build lacks, and is refused with a message");
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
        return new RedshiftSource(RedshiftConfig.from(options));
    }
}
