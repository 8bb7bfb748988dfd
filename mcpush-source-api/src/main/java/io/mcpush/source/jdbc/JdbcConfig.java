package io.mcpush.source.jdbc;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.push.Secret;
import io.mcpush.source.SourceOptions;
import java.util.Properties;

/**
 * What every JDBC source is configured with. {@code user} and {@code password} may be null;
 * the password is a {@link Secret} and never printed. {@code driverProperties} are extra
 * connection properties (never the password). Immutable except that the properties object is
 * copied on the way in and out.
 */
public record JdbcConfig(String url, String user, Secret password, NameFilter filter, boolean onlyFreshnessAndVolume,
        int fetchSize, Properties driverProperties) {
    public static final int DEFAULT_FETCH_SIZE = 1000;

    public JdbcConfig {
        requireNonNull(url, "url is null");
        requireNonNull(filter, "filter is null");
        if (fetchSize <= 0) {
            throw new IllegalArgumentException("fetchSize must be positive");
        }
        Properties copy = new Properties();
        if (driverProperties != null) {
            copy.putAll(driverProperties);
        }
        driverProperties = copy;
    }

    /** The shared options: {@code user}, password, filters, {@code only-freshness-and-volume}, fetch size. */
    public static JdbcConfig from(SourceOptions o, String url) {
        return new JdbcConfig(url, o.get(JdbcOptions.USER.name()), o.password(), NameFilter.from(o),
                o.flag(JdbcOptions.ONLY_FRESHNESS_AND_VOLUME.name()),
                o.positiveInt(JdbcOptions.FETCH_SIZE.name(), DEFAULT_FETCH_SIZE), null);
    }

    public JdbcConfig withDriverProperty(String key, String value) {
        Properties p = driverProperties();
        p.setProperty(key, value);
        return new JdbcConfig(url, user, password, filter, onlyFreshnessAndVolume, fetchSize, p);
    }

    @Override
    public Properties driverProperties() {
        Properties p = new Properties();
        p.putAll(driverProperties);
        return p;
    }

    @Override
    public String toString() {
        return "JdbcConfig[url=" + JdbcUrls.identity(url) + ", user=" + user + ", password="
                + (password == null ? "none" : "****") + "]";
    }
}
