package io.mcpush.sdk.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.mcpush.sdk.push.RetryPolicy;
import io.mcpush.sdk.push.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GraphqlClient} against a hand-written fake API on the JDK's HTTP server, answering
 * queued responses (the emulator's GraphQL endpoint is exercised in mcpush-emulator's GraphqlIT).
 */
class GraphqlClientIT {
    private static final String TOKEN = "gql-SECRET-0a1b2c";

    private record Reply(int status, String body) {
    }

    private final Deque<Reply> replies = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String lastToken;
    private HttpServer server;

    private GraphqlClient client() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/graphql", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            lastToken = exchange.getRequestHeaders().getFirst("x-mcd-token");
            Reply r;
            synchronized (replies) {
                r = replies.isEmpty() ? new Reply(500, "{}") : replies.poll();
            }
            byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(r.status(), b.length);
            exchange.getResponseBody().write(b);
            exchange.close();
        });
        server.start();
        return GraphqlClient.builder()
                .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/graphql"))
                .key("id-1", new Secret(TOKEN))
                .retryPolicy(new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
                        Duration.ofSeconds(5), 4))
                .build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void reply(int status, String body) {
        replies.add(new Reply(status, body));
    }

    @Test
    void anErrorsArrayBecomesAGraphqlExceptionWithTheMessages() throws IOException {
        GraphqlClient client = client();
        reply(200, "{\"data\": null, \"errors\": [{\"message\": \"Table not found\"}, {\"message\": \"second\"}]}");

        assertThatThrownBy(() -> client.execute("query { getTable(mcon: \"x\") { mcon } }", Map.of()))
                .isInstanceOf(GraphqlException.class)
                .hasMessageContaining("getTable failed: Table not found; second")
                .satisfies(e -> assertThat(((GraphqlException) e).errors()).containsExactly("Table not found", "second"));
        assertThat(requests.get()).isEqualTo(1);
        assertThat(lastToken).isEqualTo(TOKEN);
    }

    @Test
    void serverErrorsAndRequestTimeoutErrorsAreRetried() throws IOException {
        GraphqlClient client = client();
        reply(503, "{}");
        reply(200, "{\"errors\": [{\"message\": \"slow\", \"extensions\": {\"code\": \"REQUEST_TIMEOUT\"}}]}");
        reply(200, "{\"data\": {\"getUser\": {\"email\": \"a@b\"}}}");

        assertThat(client.execute("query { getUser { email } }", null).path("getUser").path("email").asText())
                .isEqualTo("a@b");
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void aRefusedKeyIsNotRetriedAndTheTokenNeverAppearsInTheMessage() throws IOException {
        GraphqlClient client = client();
        reply(401, "{\"errors\": [{\"message\": \"bad token " + TOKEN + "\"}]}");

        assertThatThrownBy(() -> client.execute("query { getUser { email } }", null))
                .isInstanceOf(GraphqlException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("MCD_ID/MCD_TOKEN")
                .hasMessageNotContaining(TOKEN)
                .satisfies(e -> assertThat(((GraphqlException) e).errors().toString()).doesNotContain(TOKEN));
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aggregatedQueriesFollowEndCursorAcrossPages() throws IOException {
        GraphqlClient client = client();
        reply(200, "{\"data\": {\"getAggregatedQueries\": {\"edges\": [{\"node\": {\"queryHash\": \"a\", \"queryCount\": 2}}],"
                + " \"pageInfo\": {\"hasNextPage\": true, \"endCursor\": \"c1\"}}}}");
        reply(200, "{\"data\": {\"getAggregatedQueries\": {\"edges\": [{\"node\": {\"queryHash\": \"b\", \"queryCount\": 3}}],"
                + " \"pageInfo\": {\"hasNextPage\": false, \"endCursor\": \"c2\"}}}}");

        var queries = new MonteCarloApi(client).getAggregatedQueries("m", "read", java.time.Instant.EPOCH,
                java.time.Instant.EPOCH.plusSeconds(60));

        assertThat(queries).extracting(MonteCarloApi.AggregatedQuery::queryHash).containsExactly("a", "b");
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void theSecretNeverShowsInTheClientOrItsKey() throws IOException {
        assertThat(String.valueOf(new Secret(TOKEN))).doesNotContain(TOKEN);
        assertThat(client().toString()).doesNotContain(TOKEN);
    }
}
