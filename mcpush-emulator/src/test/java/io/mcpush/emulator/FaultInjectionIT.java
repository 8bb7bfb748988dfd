package io.mcpush.emulator;

import static io.mcpush.emulator.Gateway.ID;
import static io.mcpush.emulator.Gateway.ORDERS;
import static io.mcpush.emulator.Gateway.TOKEN;
import static io.mcpush.emulator.Gateway.json;
import static io.mcpush.emulator.Gateway.metadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionIT {
    private static final String PATH = "/ingest/v1/metadata";
    private final List<Emulator> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Emulator::close);
    }

    private Gateway gatewayWith(String... faults) {
        Emulator emulator = Emulator.start(EmulatorConfig.builder().key(new IngestKey(ID, TOKEN))
                .faults(FaultPlan.parse(List.of(faults))).build());
        started.add(emulator);
        return new Gateway(emulator);
    }

    private Emulator emulator() {
        return started.get(started.size() - 1);
    }

    private static int status(Gateway gateway) throws Exception {
        return gateway.post(PATH, metadata(ORDERS)).statusCode();
    }

    @Test
    void answers429WithRetryAfterForTheFirstCountRequests() throws Exception {
        Gateway gateway = gatewayWith("429:count=3:retry-after=1");

        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            responses.add(gateway.post(PATH, metadata(ORDERS)));
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(429, 429, 429, 202);
        assertThat(responses.get(0).headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Gateway.message(responses.get(0))).isEqualTo("injected fault 429:count=3:retry-after=1");
        assertThat(emulator().accepted()).hasSize(1);
        assertThat(emulator().receivedCount()).isEqualTo(4);
    }

    @Test
    void answers500ForTheNthRequestOnly() throws Exception {
        Gateway gateway = gatewayWith("500:nth=2");

        assertThat(List.of(status(gateway), status(gateway), status(gateway))).containsExactly(202, 500, 202);
        assertThat(emulator().accepted()).hasSize(2);
    }

    @Test
    void answers503ToEveryRequestWithoutASelector() throws Exception {
        Gateway gateway = gatewayWith("503:retry-after=7");

        HttpResponse<String> first = gateway.post(PATH, metadata(ORDERS));
        HttpResponse<String> second = gateway.post(PATH, metadata(ORDERS));

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(emulator().accepted()).isEmpty();
    }

    @Test
    void sends503WithoutRetryAfterUnlessConfigured() throws Exception {
        HttpResponse<String> response = gatewayWith("503:count=1").post(PATH, metadata(ORDERS));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void resetDropsTheConnectionWithoutAnAnswerAndStoresNothing() throws Exception {
        Gateway gateway = gatewayWith("reset:nth=1");

        assertThatThrownBy(() -> gateway.post(PATH, metadata(ORDERS)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);

        assertThat(emulator().accepted()).isEmpty();
        assertThat(emulator().receivedCount()).isEqualTo(1);
        assertThat(status(gateway)).isEqualTo(202);
    }

    @Test
    void lostStoresTheRequestButDropsTheConnectionWithoutAnAnswer() throws Exception {
        Gateway gateway = gatewayWith("lost:nth=2");
        assertThat(status(gateway)).isEqualTo(202);

        assertThatThrownBy(() -> gateway.post(PATH, metadata(ORDERS, ORDERS)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);

        assertThat(emulator().accepted()).hasSize(2);
        assertThat(emulator().accepted().get(1).eventCount()).isEqualTo(2);
        assertThat(status(gateway)).isEqualTo(202);
        assertThat(emulator().accepted()).hasSize(3);
    }

    @Test
    void lostAppliesOnlyToRequestsThatWereStored() throws Exception {
        Gateway gateway = gatewayWith("lost:count=1");

        HttpResponse<String> invalid = gateway.post(PATH, metadata(ORDERS.replace("TABLE", "TABLET")));

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> gateway.post(PATH, metadata(ORDERS))).isInstanceOf(IOException.class);
        assertThat(status(gateway)).isEqualTo(202);
        assertThat(emulator().accepted()).hasSize(2);
    }

    @Test
    void slowWaitsThenHandlesTheRequestNormally() throws Exception {
        Gateway gateway = gatewayWith("slow:ms=300:count=1");

        long begin = System.nanoTime();
        HttpResponse<String> response = gateway.post(PATH, metadata(ORDERS));
        long elapsedMillis = (System.nanoTime() - begin) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
        assertThat(emulator().accepted()).singleElement()
                .satisfies(r -> assertThat(r.invocationId()).isEqualTo(json(response).path("invocation_id").asText()));
    }

    @Test
    void aClientTimingOutOnASlowRequestStillGetsItStored() throws Exception {
        Gateway gateway = gatewayWith("slow:ms=500:nth=1");

        assertThatThrownBy(() -> gateway.post(PATH, metadata(ORDERS).getBytes(StandardCharsets.UTF_8), ID, TOKEN,
                Duration.ofMillis(100))).isInstanceOf(HttpTimeoutException.class);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (emulator().accepted().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(emulator().accepted()).hasSize(1);
    }

    @Test
    void faultsComeBeforeAuthentication() throws Exception {
        Gateway gateway = gatewayWith("429:nth=1");

        HttpResponse<String> response = gateway.post(PATH, "junk".getBytes(StandardCharsets.UTF_8), null, null,
                Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(429);
    }

    @Test
    void nthCountsRejectedRequestsToo() throws Exception {
        Gateway gateway = gatewayWith("500:nth=2");

        HttpResponse<String> unauthenticated = gateway.post(PATH, metadata(ORDERS).getBytes(StandardCharsets.UTF_8),
                null, null, Duration.ofSeconds(5));

        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(status(gateway)).isEqualTo(500);
        assertThat(status(gateway)).isEqualTo(202);
    }

    @Test
    void theFirstMatchingRuleWinsAndCountsOnlyRequestsReachingIt() throws Exception {
        Gateway gateway = gatewayWith("500:nth=2", "503:count=2");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(status(gateway));
        }

        // 1: reaches 503 (1st of 2); 2: 500 by nth; 3: reaches 503 (2nd of 2); then none.
        assertThat(statuses).containsExactly(503, 500, 503, 202, 202);
    }

    @Test
    void rateSelectsRequestsWithASeededRandom() throws Exception {
        Gateway gateway = gatewayWith("503:rate=0.4:seed=7");
        Random expected = new Random(7);

        List<Integer> actual = new ArrayList<>();
        List<Integer> predicted = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            actual.add(status(gateway));
            predicted.add(expected.nextDouble() < 0.4 ? 503 : 202);
        }

        assertThat(actual).isEqualTo(predicted).contains(503, 202);
    }

    @Test
    void rateDefaultsToSeed42AndRepeatsAcrossEmulators() throws Exception {
        Gateway first = gatewayWith("500:rate=0.5");
        List<Integer> a = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            a.add(status(first));
        }
        Gateway second = gatewayWith("500:rate=0.5:seed=42");
        List<Integer> b = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            b.add(status(second));
        }

        assertThat(a).isEqualTo(b).contains(500, 202);
    }

    @Test
    void faultsLeaveUnknownPathsAlone() throws Exception {
        Gateway gateway = gatewayWith("500");

        assertThat(gateway.post("/elsewhere", "{}").statusCode()).isEqualTo(404);
    }
}
