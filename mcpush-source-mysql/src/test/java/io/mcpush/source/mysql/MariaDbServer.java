package io.mcpush.source.mysql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real MariaDB server for tests, started from the binaries installed on the machine (Debian:
 * {@code apt-get install -y mariadb-server}) in a fresh data directory on a free port, with
 * performance_schema and its statement-history consumers on. It works as root (CI: the server is
 * told {@code --user=root}, which MariaDB requires) and as a normal user. Without the binaries it
 * fails, saying what to install: these tests never pass by not running. {@code root} connects over
 * TCP without a password; the anonymous accounts the installer creates are dropped so that named
 * accounts match as written.
 */
final class MariaDbServer implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private MariaDbServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static MariaDbServer start() {
        Path installDb = binary("mariadb-install-db", "mysql_install_db");
        Path server = binary("mariadbd", "mysqld");
        try {
            Path dir = Files.createTempDirectory("mariadb");
            Path data = dir.resolve("data");
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> install = new ArrayList<>(List.of(installDb.toString(), "--no-defaults",
                    "--auth-root-authentication-method=normal", "--datadir=" + data, "--skip-test-db"));
            if (root) {
                install.add("--user=root");
            }
            run(install, dir.resolve("install.log"));
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults", "--datadir=" + data,
                    "--socket=" + dir.resolve("s"), "--port=" + port, "--bind-address=127.0.0.1",
                    "--pid-file=" + dir.resolve("pid"), "--log-error=" + dir.resolve("error.log"),
                    "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
                    "--innodb-buffer-pool-size=32M", "--skip-log-bin",
                    // not UTC, so that a time read in the server's zone instead of UTC fails the tests
                    "--default-time-zone=+05:30",
                    "--performance-schema=ON",
                    "--performance-schema-consumer-events-statements-current=ON",
                    "--performance-schema-consumer-events-statements-history-long=ON"));
            if (root) {
                command.add("--user=root");
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.out").toFile()).start();
            MariaDbServer s = new MariaDbServer(p, dir, port);
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
            s.awaitReady();
            s.execute(anonymousUsersDropped(s));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path binary(String... names) {
        for (String name : names) {
            for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/usr/local/mysql/bin")) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
            String path = System.getenv("PATH");
            if (path != null) {
                for (String d : path.split(java.io.File.pathSeparator)) {
                    Path p = Path.of(d, name);
                    if (!d.isEmpty() && Files.isExecutable(p)) {
                        return p;
                    }
                }
            }
        }
        throw new IllegalStateException("the MySQL source's integration tests need a MariaDB server installed on this "
                + "machine, and none of " + String.join(", ", names) + " was found in /usr/sbin, /usr/bin or PATH: "
                + "install it (Debian/Ubuntu: apt-get install -y mariadb-server) and run the tests again");
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " failed: " + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + ": "
                        + tail(dir.resolve("error.log")) + " " + tail(dir.resolve("server.out")));
            }
            try (Connection c = connect("root", "")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        close();
        throw new IllegalStateException("mariadbd did not accept connections within 90 s: "
                + (last == null ? "" : last.getMessage()) + " " + tail(dir.resolve("error.log")));
    }

    private static String[] anonymousUsersDropped(MariaDbServer s) {
        List<String> out = new ArrayList<>();
        try (Connection c = s.connect("root", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
            while (rs.next()) {
                out.add("DROP USER ''@'" + rs.getString(1).replace("'", "''") + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out.toArray(String[]::new);
    }

    private static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    int port() {
        return port;
    }

    String url(String scheme, String database) {
        return "jdbc:" + scheme + "://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", user, password);
    }

    /** Runs statements as root, each on its own line of the session (a failure stops the test). */
    void execute(String... statements) {
        try (Connection c = connect("root", ""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: mariadbd shuts down cleanly
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind changes no result
        }
    }
}
