package io.mcpush.source.jdbc;

import io.mcpush.source.SourceConnectionException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections from a {@link JdbcConfig}. The password goes only into the driver's
 * connection properties; a failure becomes one {@link SourceConnectionException} line naming
 * host, database and cause, with the password and any credential in the URL redacted.
 * Stateless.
 */
public final class JdbcConnector {
    private JdbcConnector() {
    }

    public static Connection connect(JdbcConfig config, String host, String database) {
        Properties p = config.driverProperties();
        if (config.user() != null) {
            p.setProperty("user", config.user());
        }
        if (config.password() != null) {
            p.setProperty("password", config.password().reveal());
        }
        try {
            Connection c = DriverManager.getConnection(config.url(), p);
            if (c == null) {
                throw new SourceConnectionException(host, database, "no JDBC driver accepts the URL "
                        + JdbcUrls.redacted(config.url()), null, null);
            }
            return c;
        } catch (SQLException e) {
            throw new SourceConnectionException(host, database, cause(config, e), e.getSQLState(), redacted(config, e));
        } catch (RuntimeException e) {
            // some drivers throw unchecked exceptions for malformed URLs or missing native libraries
            if (e instanceof SourceConnectionException sce) {
                throw sce;
            }
            throw new SourceConnectionException(host, database, cause(config, e), null, redacted(config, e));
        }
    }

    /** The most telling message of the chain, on one line, with secrets redacted. */
    static String cause(JdbcConfig config, Throwable e) {
        String message = null;
        if (e instanceof SQLException s && s.getMessage() != null && s.getMessage().startsWith("No suitable driver")) {
            message = "no JDBC driver accepts the URL " + JdbcUrls.redacted(config.url())
                    + " (is the source's driver on the class path?)";
        }
        for (Throwable t = e; message == null && t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
                Throwable root = t.getCause();
                while (root != null && root.getCause() != null) {
                    root = root.getCause();
                }
                if (root != null && root.getMessage() != null && !message.contains(root.getMessage())) {
                    message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
                }
            }
        }
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        return redact(config, message);
    }

    /**
     * A copy of {@code e} and its causes whose messages are redacted, so that a stack trace shown
     * with {@code --debug} cannot print the password a driver repeated in its message.
     */
    public static Throwable redacted(JdbcConfig config, Throwable e) {
        if (e == null) {
            return null;
        }
        RedactedException copy = new RedactedException(e.getClass().getName() + ": "
                + redact(config, String.valueOf(e.getMessage())), redacted(config, e.getCause()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** Stands in for a driver exception whose message was redacted; its message names the original class. */
    static final class RedactedException extends Exception {
        private static final long serialVersionUID = 1L;

        RedactedException(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** One line, without the password, without the URL's credentials. */
    public static String redact(JdbcConfig config, String text) {
        String t = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        if (config.password() != null) {
            t = config.password().redact(t);
        }
        if (!config.url().equals(JdbcUrls.redacted(config.url()))) {
            t = t.replace(config.url(), JdbcUrls.redacted(config.url()));
        }
        return t;
    }
}
