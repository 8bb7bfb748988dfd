package io.mcpush.source.databricks;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.push.Secret;
import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.JdbcOptions;
import io.mcpush.source.jdbc.JdbcUrls;
import io.mcpush.source.jdbc.NameFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A Databricks source's settings: the JDBC settings for a SQL warehouse (URL built from
 * {@code --host} and {@code --http-path}, or {@code --jdbc-url}; the personal access token only
 * ever in the connection properties, never in the URL), the catalog that holds the system tables,
 * the optional workspace filter, and which optional reads are on. Immutable.
 *
 * @param jdbc connection, filters and fetch size; {@code password} is the token
 * @param host the workspace host, for messages and the source identity
 * @param systemCatalog the catalog with {@code access.table_lineage}, {@code access.column_lineage},
 *     {@code query.history} and the cross-catalog {@code information_schema} ({@code system})
 * @param informationSchema the schema of every catalog that describes it ({@code information_schema};
 *     the tests' twin substitutes a name because DuckDB reserves this one)
 * @param workspaceId only lineage and queries of this workspace (system tables span the account), or null
 * @param columnLineage whether the lineage flow also reads {@code column_lineage}
 * @param tableDetails whether metadata runs {@code DESCRIBE DETAIL} per table for sizes and freshness
 * @param detailConcurrency how many {@code DESCRIBE DETAIL} statements run at once
 * @param pageSize rows per page of query history
 */
public record DatabricksConfig(JdbcConfig jdbc, String host, String systemCatalog, String informationSchema,
        String workspaceId, boolean columnLineage, boolean tableDetails, int detailConcurrency, int pageSize) {
    static final String URL_PREFIX = "jdbc:databricks:";
    static final String DEFAULT_SYSTEM_CATALOG = "system";
    static final String INFORMATION_SCHEMA = "information_schema";
    static final int DEFAULT_PAGE_SIZE = 10_000;
    static final int DEFAULT_DETAIL_CONCURRENCY = 4;
    /** A SQL warehouse serves 10 concurrent statements per cluster before queueing. */
    static final int MAX_DETAIL_CONCURRENCY = 16;

    public DatabricksConfig {
        requireNonNull(jdbc, "jdbc is null");
        requireNonNull(host, "host is null");
        requireNonNull(systemCatalog, "systemCatalog is null");
        requireNonNull(informationSchema, "informationSchema is null");
        if (detailConcurrency <= 0 || pageSize <= 0) {
            throw new IllegalArgumentException("detailConcurrency and pageSize must be positive");
        }
    }

    /** The same settings reading the catalogs' descriptions from another schema (the tests' twin). */
    DatabricksConfig withInformationSchema(String schema) {
        return new DatabricksConfig(jdbc, host, systemCatalog, schema, workspaceId, columnLineage, tableDetails,
                detailConcurrency, pageSize);
    }

    public static DatabricksConfig from(SourceOptions o) {
        String url = o.get(JdbcOptions.JDBC_URL.name());
        String host = o.get(DatabricksSourceFactory.HOST.name());
        String httpPath = o.get(DatabricksSourceFactory.HTTP_PATH.name());
        if (url != null && (host != null || httpPath != null)) {
            throw new SourceConfigException("jdbc-url", "give --jdbc-url, or --host with --http-path, not both");
        }
        if (url == null) {
            if (host == null) {
                throw new SourceConfigException("host", "source databricks needs --host HOST (the workspace, e.g. "
                        + "adb-1234567890123456.7.azuredatabricks.net) with --http-path PATH (the SQL warehouse's, "
                        + "e.g. /sql/1.0/warehouses/abc123), or --jdbc-url");
            }
            if (httpPath == null) {
                throw new SourceConfigException("http-path", "source databricks needs --http-path PATH, the SQL "
                        + "warehouse's HTTP path (Connection details tab, e.g. /sql/1.0/warehouses/abc123)");
            }
            url = url(host, httpPath);
        } else if (!url.startsWith(URL_PREFIX)) {
            throw new SourceConfigException("jdbc-url", "source databricks needs a URL starting with " + URL_PREFIX
                    + "//HOST:443/default;httpPath=PATH, not '" + url.replaceAll("[?;].*", "") + "'");
        } else if (JdbcUrls.redacted(url).contains("=****")) {
            throw new SourceConfigException("jdbc-url", "put no token or password in --jdbc-url (it would show in "
                    + "process lists and logs): use --token-env VAR or --token-file FILE");
        }
        Secret token = token(o);
        if (token == null) {
            throw new SourceConfigException("token-env", "source databricks needs a personal access token: "
                    + "--token-env VAR (the name of an environment variable such as DATABRICKS_TOKEN) or --token-file FILE");
        }
        String user = o.get(JdbcOptions.USER.name(), "token");
        JdbcConfig jdbc = new JdbcConfig(url, user, token, NameFilter.from(o),
                o.flag(JdbcOptions.ONLY_FRESHNESS_AND_VOLUME.name()),
                o.positiveInt(JdbcOptions.FETCH_SIZE.name(), JdbcConfig.DEFAULT_FETCH_SIZE), null)
                // personal access token authentication; the token travels as the password property
                .withDriverProperty("AuthMech", "3")
                .withDriverProperty("UserAgentEntry", "mcpush");
        String systemCatalog = o.get(DatabricksSourceFactory.SYSTEM_CATALOG.name(), DEFAULT_SYSTEM_CATALOG);
        int concurrency = o.positiveInt(DatabricksSourceFactory.TABLE_DETAILS_CONCURRENCY.name(),
                DEFAULT_DETAIL_CONCURRENCY);
        if (concurrency > MAX_DETAIL_CONCURRENCY) {
            throw new SourceConfigException(DatabricksSourceFactory.TABLE_DETAILS_CONCURRENCY.name(), "--"
                    + DatabricksSourceFactory.TABLE_DETAILS_CONCURRENCY.name() + " must be at most "
                    + MAX_DETAIL_CONCURRENCY + ", not " + concurrency);
        }
        return new DatabricksConfig(jdbc, hostOf(url), systemCatalog, INFORMATION_SCHEMA,
                o.get(DatabricksSourceFactory.WORKSPACE_ID.name()),
                !o.flag(DatabricksSourceFactory.TABLE_LINEAGE_ONLY.name()),
                o.flag(DatabricksSourceFactory.TABLE_DETAILS.name()), concurrency,
                o.positiveInt(DatabricksSourceFactory.PAGE_SIZE.name(), DEFAULT_PAGE_SIZE));
    }

    /** The token from {@code token-env}/{@code token-file}, or the shared {@code password-env}/{@code password-file}. */
    private static Secret token(SourceOptions o) {
        if (o.keys().contains("token")) {
            throw new SourceConfigException("token", "a token is never taken as a value: use --token-env VAR "
                    + "(the name of an environment variable) or --token-file FILE");
        }
        String envKey = DatabricksSourceFactory.TOKEN_ENV.name();
        String fileKey = DatabricksSourceFactory.TOKEN_FILE.name();
        if (o.get(envKey) != null && o.get(fileKey) != null) {
            throw new SourceConfigException(envKey, "give --" + envKey + " or --" + fileKey + ", not both");
        }
        Secret token = o.get(fileKey) != null ? tokenFile(o.get(fileKey)) : o.secretFromEnv(envKey);
        Secret password = o.password();
        if (token != null && password != null) {
            throw new SourceConfigException(envKey, "give the token once: --token-env/--token-file or "
                    + "--password-env/--password-file");
        }
        return token != null ? token : password;
    }

    /** The first line of the token file (as {@code --password-file} reads its file). */
    private static Secret tokenFile(String file) {
        String key = DatabricksSourceFactory.TOKEN_FILE.name();
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SourceConfigException(key, "token file " + file + " does not exist");
        } catch (IOException | InvalidPathException e) {
            throw new SourceConfigException(key, "cannot read token file " + file + ": " + e.getClass().getSimpleName());
        }
        int eol = text.indexOf('\n');
        String line = (eol < 0 ? text : text.substring(0, eol)).strip();
        if (line.isEmpty()) {
            throw new SourceConfigException(key, "token file " + file + " is empty");
        }
        return new Secret(line);
    }

    /**
     * {@code jdbc:databricks://HOST:443/default;transportMode=http;ssl=1;httpPath=PATH}: no
     * credential, so the URL can be shown and kept as identity.
     */
    static String url(String host, String httpPath) {
        String h = host.trim();
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            h = h.substring("https://".length());
        } else if (lower.startsWith("http://")) {
            throw new SourceConfigException("host", "Databricks serves SQL only over HTTPS: give the host without http://");
        }
        while (h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.contains("/") || h.contains(";") || h.contains("@")) {
            throw new SourceConfigException("host", "--host must be a host name such as "
                    + "adb-1234567890123456.7.azuredatabricks.net, not '" + host + "'");
        }
        String path = httpPath.trim();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (path.contains(";") || path.contains("=")) {
            throw new SourceConfigException("http-path", "--http-path must be a path such as /sql/1.0/warehouses/abc123, "
                    + "not '" + httpPath + "'");
        }
        String hostPort = h.contains(":") ? h : h + ":443";
        return URL_PREFIX + "//" + hostPort + "/default;transportMode=http;ssl=1;httpPath=" + path;
    }

    /** The host of a Databricks URL without the port, lower case. */
    static String hostOf(String url) {
        String hostPort = JdbcUrls.host(url);
        int colon = hostPort.lastIndexOf(':');
        return (colon > 0 ? hostPort.substring(0, colon) : hostPort).toLowerCase(Locale.ROOT);
    }
}
