package io.mcpush.source;

/**
 * The database cannot be reached or refused the credentials. The message is one line naming
 * host, database and cause (secrets redacted); {@code sqlState} may be null.
 */
public class SourceConnectionException extends SourceException {
    private static final long serialVersionUID = 1L;
    private final String host;
    private final String database;
    private final String sqlState;

    public SourceConnectionException(String host, String database, String cause, String sqlState, Throwable e) {
        super("cannot connect to database " + database + " on " + host + ": " + cause, e);
        this.host = host;
        this.database = database;
        this.sqlState = sqlState;
    }

    public String host() {
        return host;
    }

    public String database() {
        return database;
    }

    public String sqlState() {
        return sqlState;
    }
}
