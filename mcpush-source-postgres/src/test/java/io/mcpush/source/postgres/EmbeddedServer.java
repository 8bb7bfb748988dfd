package io.mcpush.source.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL (zonky's embedded binaries) for tests. The superuser {@code postgres}
 * connects without a password; every other role must give its SCRAM password, so that password
 * handling is tested for real.
 */
final class EmbeddedServer implements AutoCloseable {
    final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedServer start(Path dir) {
        return start(dir, java.util.Map.of());
    }

    /** With extra server settings, e.g. the logging ones that query logs need. */
    static EmbeddedServer start(Path dir, java.util.Map<String, String> settings) {
        try {
            Path hba = dir.resolve("pg_hba.conf");
            Files.writeString(hba, """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("hba_file", hba.toString())
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_locks_per_transaction", "256");
            settings.forEach(builder::setServerConfig);
            return new EmbeddedServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return postgres.getDatabase("postgres", database).getConnection();
    }

    void execute(String database, String... statements) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
