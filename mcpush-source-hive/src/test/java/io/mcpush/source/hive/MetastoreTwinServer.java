package io.mcpush.source.hive;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Starts the metastore twin of {@link HiveMetastoreIT} (embedded PostgreSQL with the hand-written
 * metastore schema subset and rows) and keeps it running, for trying the CLI by hand:
 * prints the JDBC URL, stops on end of input.
 */
public final class MetastoreTwinServer {
    private MetastoreTwinServer() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE metastore");
            }
            try (Connection c = pg.getDatabase("postgres", "metastore").getConnection(); Statement s = c.createStatement()) {
                s.execute(read("/metastore/hive-schema-subset.postgres.sql"));
                s.execute(read("/metastore/rows.sql"));
            }
            System.out.println("jdbc:postgresql://localhost:" + pg.getPort() + "/metastore");
            System.out.flush();
            while (System.in.read() >= 0) {
                // run until stdin closes
            }
        }
    }

    private static String read(String name) throws java.io.IOException {
        try (InputStream in = MetastoreTwinServer.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
