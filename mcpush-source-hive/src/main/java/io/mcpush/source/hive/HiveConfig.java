package io.mcpush.source.hive;

import static java.util.Objects.requireNonNull;

import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.JdbcOptions;
import io.mcpush.source.logfile.LogFiles;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * A Hive source's settings: the metastore's backing database ({@code jdbc} and {@code backend},
 * both null when only log files are read), the metastore catalog, the HiveServer2 log files and
 * the time zone their timestamps are written in. Immutable.
 */
public record HiveConfig(JdbcConfig jdbc, MetastoreBackend backend, String catalog, List<String> logFiles,
        ZoneId logZone) {
    public HiveConfig {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(logZone, "logZone is null");
        logFiles = List.copyOf(logFiles);
        if ((jdbc == null) != (backend == null)) {
            throw new IllegalArgumentException("jdbc and backend go together");
        }
    }

    public static HiveConfig from(SourceOptions o) {
        String url = o.get(JdbcOptions.JDBC_URL.name());
        JdbcConfig jdbc = null;
        MetastoreBackend backend = null;
        List<String> files = LogFiles.check(HiveSourceFactory.LOG_FILE.name(), o.values(HiveSourceFactory.LOG_FILE.name()));
        if (url != null) {
            backend = MetastoreBackend.forUrl(url);
            if (backend == null) {
                throw new SourceConfigException("jdbc-url", "source hive reads the metastore's backing database: give "
                        + "jdbc:postgresql://HOST:PORT/METASTORE_DB or jdbc:mariadb:// (or jdbc:mysql://) HOST:PORT/METASTORE_DB, not '"
                        + url.replaceAll("[?;].*", "") + "' (HiveServer2 jdbc:hive2:// URLs are not supported; see "
                        + "mcpush sources)");
            }
            // MariaDB Connector/J (bundled) takes jdbc:mysql: only with permitMysqlScheme; it speaks to MySQL either way
            jdbc = JdbcConfig.from(o, url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length())
                    : url);
            if (backend == MetastoreBackend.POSTGRES) {
                jdbc = jdbc.withDriverProperty("ApplicationName", "mcpush");
            }
        } else if (files.isEmpty()) {
            throw new SourceConfigException("jdbc-url", "source hive needs --jdbc-url (the metastore database) "
                    + "and/or --log-file (HiveServer2 logs)");
        }
        ZoneId zone;
        String zoneText = o.get(HiveSourceFactory.LOG_TIME_ZONE.name(), "UTC");
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new SourceConfigException(HiveSourceFactory.LOG_TIME_ZONE.name(), "--log-time-zone: '" + zoneText
                    + "' is not a time zone (use e.g. UTC, Europe/Berlin or +02:00)");
        }
        return new HiveConfig(jdbc, backend, o.get(HiveSourceFactory.CATALOG.name(), "hive"), files, zone);
    }
}
