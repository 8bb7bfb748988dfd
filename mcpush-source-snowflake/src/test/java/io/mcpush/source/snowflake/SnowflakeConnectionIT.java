package io.mcpush.source.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.Source;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.SourceRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Snowflake JDBC driver logging in to a hand-written local stand-in of Snowflake's login
 * endpoint over plain HTTP, which refuses the login and, like a careless server, echoes the
 * password it was sent: the connection error must be one line naming host and cause, with the
 * password redacted, also in the exception chain that {@code --debug} would print.
 */
class SnowflakeConnectionIT {
    private static final String PASSWORD = "Tr0ub4dor&3-secret";
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String enc = exchange.getRequestHeaders().getFirst("Content-Encoding");
            String body;
            if (enc != null && enc.toLowerCase().contains("gzip")) {
                try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    body = out.toString(StandardCharsets.UTF_8);
                }
            } else {
                body = new String(raw, StandardCharsets.UTF_8);
            }
            bodies.add(body);
            Matcher m = Pattern.compile("\"PASSWORD\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
            String echoed = m.find() ? m.group(1) : "?";
            byte[] answer = ("{\"data\":{\"nextAction\":null},\"code\":\"390100\",\"message\":\"Incorrect username "
                    + "or password was specified (got " + echoed + ").\",\"success\":false,\"headers\":null}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRefusedLoginIsOneRedactedLineNamingTheHost() {
        int port = server.getAddress().getPort();
        Map<String, String> options = Map.of("jdbc-url", "jdbc:snowflake://127.0.0.1:" + port + "/?ssl=off"
                + "&account=testacct&loginTimeout=20", "user", "COLLECTOR", "password-env", "SF_PW");
        Source source = SourceRegistry.load().get("snowflake")
                .create(new SourceOptions("snowflake", options, Map.of("SF_PW", PASSWORD)::get));
        try (source) {
            assertThatThrownBy(() -> source.metadata(new CollectionReport()))
                    .isInstanceOf(SourceConnectionException.class)
                    .satisfies(e -> {
                        assertThat(e.getMessage()).startsWith("cannot connect to database (account) on 127.0.0.1:"
                                + port + ": ").contains("Incorrect username or password was specified (got ****)").doesNotContain(PASSWORD)
                                .doesNotContain("\n");
                        StringWriter trace = new StringWriter();
                        e.printStackTrace(new PrintWriter(trace));
                        assertThat(trace.toString()).doesNotContain(PASSWORD);
                    });
        }
        // the password did travel to the server: it was the echo that had to be redacted
        assertThat(bodies).anyMatch(b -> b.contains(PASSWORD));
    }

    @Test
    void keyPairLoginSendsASignedTokenNeverTheKeyOrPassphrase() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        java.security.KeyPair keys = g.generateKeyPair();
        java.nio.file.Path key = java.nio.file.Files.createTempFile("rsa_key", ".p8");
        try {
            String b64 = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded());
            java.nio.file.Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
            int port = server.getAddress().getPort();
            Map<String, String> options = Map.of("jdbc-url", "jdbc:snowflake://127.0.0.1:" + port + "/?ssl=off"
                    + "&account=testacct&loginTimeout=20", "user", "COLLECTOR", "private-key-file", key.toString());
            try (Source source = SourceRegistry.load().get("snowflake")
                    .create(new SourceOptions("snowflake", options, Map.<String, String>of()::get))) {
                assertThatThrownBy(() -> source.metadata(new CollectionReport()))
                        .isInstanceOf(SourceConnectionException.class)
                        .hasMessageStartingWith("cannot connect to database (account) on 127.0.0.1:" + port + ": ");
            }
            // the driver authenticated with a JWT signed by the key: the key itself never left the JVM
            assertThat(bodies).anyMatch(b -> b.contains("\"AUTHENTICATOR\":\"SNOWFLAKE_JWT\"") && b.contains("\"TOKEN\""));
            String keyText = b64.replace("\n", "");
            assertThat(bodies).noneMatch(b -> b.contains(keyText.substring(100, 160)));
        } finally {
            java.nio.file.Files.deleteIfExists(key);
        }
    }
}
