package io.mcpush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.emulator.Emulator;
import io.mcpush.emulator.EmulatorConfig;
import io.mcpush.emulator.FaultPlan;
import io.mcpush.emulator.IngestKey;
import io.mcpush.emulator.StoredRequest;
import io.mcpush.sdk.json.PyJsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** An in-process emulator with the test key, plus helpers to read what it stored. */
final class TestGateway implements AutoCloseable {
    static final String KEY_ID = "it-key";
    /** Distinctive, so that a leak is easy to spot in any output. */
    static final String TOKEN = "tok-SECRET-9f8e7d";

    private final Emulator emulator;

    private TestGateway(Emulator emulator) {
        this.emulator = emulator;
    }

    static TestGateway start(String... faults) {
        return start(EmulatorConfig.DEFAULT_MAX_COMPRESSED_BYTES, faults);
    }

    static TestGateway start(long maxCompressedBytes, String... faults) {
        return new TestGateway(Emulator.start(EmulatorConfig.builder()
                .port(0)
                .key(new IngestKey(KEY_ID, TOKEN))
                .maxCompressedBytes(maxCompressedBytes)
                .faults(FaultPlan.parse(Arrays.asList(faults)))
                .build()));
    }

    Emulator emulator() {
        return emulator;
    }

    List<StoredRequest> accepted() {
        return emulator.accepted();
    }

    int received() {
        return emulator.receivedCount();
    }

    StoredRequest byInvocationId(String id) {
        return accepted().stream().filter(r -> r.invocationId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("the emulator issued no invocation id " + id));
    }

    /** Every stored event of {@code eventType} (null: any), in storage order. */
    List<JsonNode> events(String eventType) {
        List<JsonNode> out = new ArrayList<>();
        for (StoredRequest r : accepted()) {
            if (eventType == null || eventType.equals(r.eventType())) {
                r.body().get("events").forEach(out::add);
            }
        }
        return out;
    }

    /** Stored metadata asset names, in storage order (duplicates kept). */
    List<String> metadataNames() {
        return events("METADATA").stream().map(TestGateway::assetName).toList();
    }

    /** How often each metadata asset name was stored. */
    Map<String, Integer> metadataNameCounts() {
        Map<String, Integer> counts = new HashMap<>();
        metadataNames().forEach(n -> counts.merge(n, 1, Integer::sum));
        return counts;
    }

    static String assetName(JsonNode event) {
        return event.get("relational_asset").get("metadata").get("name").asText();
    }

    static List<String> assetNames(StoredRequest r) {
        List<String> out = new ArrayList<>();
        r.body().get("events").forEach(e -> out.add(assetName(e)));
        return out;
    }

    /** The request body's bytes as the client sent them (Python json.dumps layout, key order kept). */
    static byte[] wireBytes(StoredRequest r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = Manifests.JSON.convertValue(r.body(), Map.class);
        return new PyJsonWriter(4096).value(plain).toByteArray();
    }

    static long gzipSize(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
