package io.mcpush.source.hive;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB server for tests: the machine's {@code mariadbd}, with a fresh data directory and
 * a free port, reachable as {@code root} without a password from 127.0.0.1. Tests check
 * {@link #available()} first and are skipped when MariaDB is not installed.
 */
final class MariaDbServer implements AutoCloseable {
    private static final List<Path> SERVERS = List.of(Path.of("/usr/sbin/mariadbd"), Path.of("/usr/bin/mariadbd"));
    private static final List<Path> INSTALLERS = List.of(Path.of("/usr/bin/mariadb-install-db"),
            Path.of("/usr/bin/mysql_install_db"));

    private final Process process;
    final int port;

    private MariaDbServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean available() {
        return find(SERVERS) != null && find(INSTALLERS) != null;
    }

    private static Path find(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    static MariaDbServer start(Path dir) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Process install = new ProcessBuilder(find(INSTALLERS).toString(), "--no-defaults", "--datadir=" + data,
                "--user=" + System.getProperty("user.name"), "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder(find(SERVERS).toString(), "--no-defaults", "--datadir=" + data,
                "--user=" + System.getProperty("user.name"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"), "--skip-log-bin",
                "--innodb-buffer-pool-size=16M", "--character-set-server=utf8mb4")
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        MariaDbServer m = new MariaDbServer(server, port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (Connection c = m.connect("mysql")) {
                return m;
            } catch (SQLException e) {
                if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                    m.close();
                    throw new IllegalStateException("mariadbd did not start: " + Files.readString(dir.resolve("server.log")));
                }
                Thread.sleep(200);
            }
        }
    }

    String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "root", "");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
