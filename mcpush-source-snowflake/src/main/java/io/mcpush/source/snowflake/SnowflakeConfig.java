package io.mcpush.source.snowflake;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.push.Secret;
import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.JdbcOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Snowflake source's settings: the JDBC settings (URL from {@code --account} or
 * {@code --jdbc-url}; warehouse, role and the session parameters the collector relies on as
 * driver properties), the key-pair credential when {@code --private-key-file} is given (else the
 * password of {@code --password-env}/{@code --password-file}), and where lineage comes from.
 * Secrets are never printed: see {@link PrivateKeyCredential} and {@link JdbcConfig}. Immutable.
 */
public record SnowflakeConfig(JdbcConfig jdbc, PrivateKeyCredential privateKey, LineageFrom lineageFrom) {
    static final String URL_PREFIX = "jdbc:snowflake://";
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern OBJECT_NAME = Pattern.compile("[^\\s\"';]+|\"[^\"]+\"");

    /** Where the lineage flow reads its edges. */
    public enum LineageFrom {
        /** ACCESS_HISTORY, or the lineage engine on QUERY_HISTORY text when ACCESS_HISTORY cannot be read. */
        AUTO,
        /** ACCESS_HISTORY only: not readable is an error. */
        ACCESS_HISTORY,
        /** The lineage engine on QUERY_HISTORY text (Standard edition, or to compare). */
        QUERY_HISTORY;

        static LineageFrom parse(String text) {
            if (text == null) {
                return AUTO;
            }
            for (LineageFrom f : values()) {
                if (f.optionValue().equals(text.toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new SourceConfigException(SnowflakeSourceFactory.LINEAGE_FROM.name(), "--"
                    + SnowflakeSourceFactory.LINEAGE_FROM.name()
                    + " must be auto, access-history or query-history, not '" + text + "'");
        }

        String optionValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public SnowflakeConfig {
        requireNonNull(jdbc, "jdbc is null");
        requireNonNull(lineageFrom, "lineageFrom is null");
        if (privateKey != null && jdbc.password() != null) {
            throw new IllegalArgumentException("give a private key or a password, not both");
        }
    }

    /** From the options; checks everything it can before any connection is attempted. */
    public static SnowflakeConfig from(SourceOptions o) {
        String url = url(o);
        Secret password = o.password();
        String keyFile = o.get(PrivateKeyCredential.OPTION);
        String passphraseEnv = o.get(PrivateKeyCredential.PASSPHRASE_OPTION);
        if (keyFile != null && password != null) {
            throw new SourceConfigException(PrivateKeyCredential.OPTION,
                    "give --private-key-file (key-pair authentication) or --password-env/--password-file, not both");
        }
        if (passphraseEnv != null && keyFile == null) {
            throw new SourceConfigException(PrivateKeyCredential.PASSPHRASE_OPTION,
                    "--private-key-passphrase-env needs --private-key-file");
        }
        if (keyFile == null && password == null) {
            throw new SourceConfigException(PrivateKeyCredential.OPTION, "source snowflake needs --private-key-file FILE "
                    + "(key-pair authentication) or --password-env VAR / --password-file FILE");
        }
        if (o.get(JdbcOptions.USER.name()) == null && !url.toLowerCase(Locale.ROOT).contains("user=")) {
            throw new SourceConfigException(JdbcOptions.USER.name(), "source snowflake needs --user");
        }
        PrivateKeyCredential key = null;
        if (keyFile != null) {
            Secret passphrase = o.secretFromEnv(PrivateKeyCredential.PASSPHRASE_OPTION);
            key = PrivateKeyCredential.load(Path.of(keyFile), passphrase);
        }
        JdbcConfig jdbc = JdbcConfig.from(o, url);
        String warehouse = objectName(o, SnowflakeSourceFactory.WAREHOUSE.name());
        if (warehouse != null) {
            jdbc = jdbc.withDriverProperty("warehouse", warehouse);
        }
        String role = objectName(o, SnowflakeSourceFactory.ROLE.name());
        if (role != null) {
            jdbc = jdbc.withDriverProperty("role", role);
        }
        // session parameters the collector's SQL and row mapping rely on (see SnowflakeSource)
        jdbc = jdbc.withDriverProperty("TIMEZONE", "UTC")
                .withDriverProperty("JDBC_TREAT_TIMESTAMP_NTZ_AS_UTC", "false")
                // the Arrow result format needs --add-opens java.base/java.nio on Java 17; JSON does not
                .withDriverProperty("JDBC_QUERY_RESULT_FORMAT", "JSON")
                .withDriverProperty("QUERY_TAG", "mcpush");
        return new SnowflakeConfig(jdbc, key, LineageFrom.parse(o.get(SnowflakeSourceFactory.LINEAGE_FROM.name())));
    }

    private static String url(SourceOptions o) {
        String url = o.get(JdbcOptions.JDBC_URL.name());
        String account = o.get(SnowflakeSourceFactory.ACCOUNT.name());
        if (url != null && account != null) {
            throw new SourceConfigException(SnowflakeSourceFactory.ACCOUNT.name(), "give --account or --jdbc-url, not both");
        }
        if (url == null && account == null) {
            throw new SourceConfigException(SnowflakeSourceFactory.ACCOUNT.name(),
                    "source snowflake needs --account ACCOUNT (e.g. myorg-myaccount or xy12345.us-east-1) or --jdbc-url");
        }
        if (url != null) {
            if (!url.startsWith(URL_PREFIX)) {
                throw new SourceConfigException(JdbcOptions.JDBC_URL.name(), "source snowflake needs a URL starting with "
                        + URL_PREFIX + ", not '" + url.replaceAll("[?;].*", "") + "'");
            }
            return url;
        }
        if (!ACCOUNT.matcher(account).matches()) {
            throw new SourceConfigException(SnowflakeSourceFactory.ACCOUNT.name(), "--account '" + account
                    + "' is not an account identifier such as myorg-myaccount or xy12345.us-east-1");
        }
        String host = account.toLowerCase(Locale.ROOT).endsWith(".snowflakecomputing.com") ? account
                : account + ".snowflakecomputing.com";
        return URL_PREFIX + host + "/";
    }

    /** A warehouse or role name: one identifier, plain or double-quoted. */
    private static String objectName(SourceOptions o, String option) {
        String v = o.get(option);
        if (v != null && !OBJECT_NAME.matcher(v).matches()) {
            throw new SourceConfigException(option, "--" + option + " must be one name (double-quote it if it has "
                    + "spaces), not '" + v + "'");
        }
        return v;
    }
}
