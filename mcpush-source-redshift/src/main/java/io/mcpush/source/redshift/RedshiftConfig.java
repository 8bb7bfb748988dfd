package io.mcpush.source.redshift;

import static java.util.Objects.requireNonNull;

import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.JdbcOptions;
import io.mcpush.source.jdbc.JdbcUrls;

/**
 * A Redshift source's settings: the shared JDBC settings with a {@code jdbc:redshift://} URL
 * (user and password) or a {@code jdbc:redshift:iam://} URL (temporary credentials from AWS IAM:
 * a named profile or the default credential chain, never a secret on the command line), and
 * whether every database of the cluster is collected or only the connection's. Immutable.
 */
public record RedshiftConfig(JdbcConfig jdbc, boolean allDatabases, boolean iam) {
    static final String URL_PREFIX = "jdbc:redshift:";
    static final String IAM_PREFIX = "jdbc:redshift:iam:";
    /** What the driver's Serverless IAM path loads; absent, it would fail with a class-loading error. */
    static final String SERVERLESS_CLIENT = "software.amazon.awssdk.services.redshiftserverless.RedshiftServerlessClient";

    public RedshiftConfig {
        requireNonNull(jdbc, "jdbc is null");
    }

    public static RedshiftConfig from(SourceOptions o) {
        String url = o.required(JdbcOptions.JDBC_URL.name());
        if (!url.startsWith(URL_PREFIX)) {
            throw new SourceConfigException("jdbc-url", "source redshift needs a URL starting with " + URL_PREFIX
                    + "//HOST:5439/DATABASE (or " + IAM_PREFIX + "//... for IAM), not '"
                    + url.replaceAll("[?;].*", "") + "'");
        }
        boolean iam = url.startsWith(IAM_PREFIX);
        String profile = o.get(RedshiftSourceFactory.AWS_PROFILE.name());
        JdbcConfig jdbc = JdbcConfig.from(o, url);
        if (iam) {
            if (jdbc.password() != null) {
                throw new SourceConfigException("password-env", "an IAM URL (" + IAM_PREFIX + ") takes no password: "
                        + "the driver gets temporary credentials from AWS; drop --password-env/--password-file");
            }
        } else {
            if (profile != null) {
                throw new SourceConfigException(RedshiftSourceFactory.AWS_PROFILE.name(), "--"
                        + RedshiftSourceFactory.AWS_PROFILE.name() + " needs an IAM URL starting with " + IAM_PREFIX);
            }
            if (jdbc.user() == null) {
                throw new SourceConfigException("user", "source redshift needs --user (or an IAM URL starting with "
                        + IAM_PREFIX + ")");
            }
            if (jdbc.password() == null) {
                throw new SourceConfigException("password-env", "source redshift needs the password of user "
                        + jdbc.user() + " from --password-env VAR or --password-file FILE (or an IAM URL starting with "
                        + IAM_PREFIX + ")");
            }
        }
        if (iam && JdbcUrls.host(url).contains(".redshift-serverless.") && !onClassPath(SERVERLESS_CLIENT)) {
            throw new SourceConfigException("jdbc-url", "IAM authentication to Redshift Serverless needs the AWS SDK "
                    + "module software.amazon.awssdk:redshiftserverless, which this build does not include: connect "
                    + "with jdbc:redshift://, --user and --password-env/--password-file (IAM works for provisioned "
                    + "clusters)");
        }
        jdbc = withDriverDefaults(jdbc);
        if (profile != null) {
            jdbc = jdbc.withDriverProperty("Profile", profile);
        }
        return new RedshiftConfig(jdbc, o.flag(RedshiftSourceFactory.ALL_DATABASES.name()), iam);
    }

    static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, RedshiftConfig.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The driver settings every Redshift connection gets: its name in the system views, and no
     * fetch ring buffer — the driver's default reads ahead in a thread of its own into a buffer
     * of up to 1 GB, while mcpush wants two cursors read side by side with memory bounded by the
     * fetch size.
     */
    static JdbcConfig withDriverDefaults(JdbcConfig jdbc) {
        return jdbc.withDriverProperty("ApplicationName", "mcpush").withDriverProperty("enableFetchRingBuffer", "false");
    }
}
