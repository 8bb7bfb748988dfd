package io.mcpush.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepted requests, in memory and optionally appended to {@code requests.jsonl}. Thread-safe:
 * appending to the file and to the list happen under one lock, so both keep the same order.
 */
final class RequestStore implements Closeable {
    static final String FILE_NAME = "requests.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(RequestStore.class);

    private final ObjectMapper mapper;
    private final boolean retainBodies;
    private final BufferedWriter writer;
    private final List<StoredRequest> requests = new ArrayList<>();
    private long eventCount;

    private RequestStore(ObjectMapper mapper, boolean retainBodies, BufferedWriter writer) {
        this.mapper = mapper;
        this.retainBodies = retainBodies;
        this.writer = writer;
    }

    /** A store in memory only ({@code dir} null) or backed by {@code dir/requests.jsonl}, loading what it holds. */
    static RequestStore open(Path dir, boolean retainBodies, ObjectMapper mapper) throws IOException {
        if (dir == null) {
            return new RequestStore(mapper, retainBodies, null);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        List<StoredRequest> loaded = new ArrayList<>();
        boolean endsWithNewline = true;
        if (Files.exists(file)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                int number = 0;
                while ((line = in.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        loaded.add(fromJson(mapper.readTree(line), retainBodies));
                    } catch (IOException | RuntimeException e) {
                        // A line cut short by a crash must not stop the emulator; say so and go on.
                        LOG.warn("{}:{}: skipping a line that is not a stored request ({})", file, number,
                                e.getMessage().lines().findFirst().orElse(""));
                    }
                }
            }
            if (Files.size(file) > 0) {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                    raf.seek(raf.length() - 1);
                    endsWithNewline = raf.read() == '\n';
                }
            }
        }
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (!endsWithNewline) {
            writer.write('\n');
            writer.flush();
        }
        RequestStore store = new RequestStore(mapper, retainBodies, writer);
        for (StoredRequest r : loaded) {
            store.requests.add(r);
            store.eventCount += r.eventCount();
        }
        return store;
    }

    /** Appends {@code request} (with its body) to the file, then keeps it in memory. */
    synchronized void add(StoredRequest request) throws IOException {
        if (writer != null) {
            writer.write(mapper.writeValueAsString(toJson(request)));
            writer.write('\n');
            writer.flush();
        }
        requests.add(retainBodies ? request : request.withoutBody());
        eventCount += request.eventCount();
    }

    synchronized List<StoredRequest> snapshot() {
        return List.copyOf(requests);
    }

    synchronized long eventCount() {
        return eventCount;
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }

    private ObjectNode toJson(StoredRequest r) {
        ObjectNode n = mapper.createObjectNode();
        n.put("invocation_id", r.invocationId());
        n.put("path", r.path());
        n.put("event_type", r.eventType());
        n.put("resource_uuid", r.resourceUuid());
        n.put("resource_value", r.resourceValue());
        n.put("event_count", r.eventCount());
        n.put("compressed_bytes", r.compressedBytes());
        n.put("received_at", r.receivedAt().toString());
        if (r.body() != null) {
            n.set("body", r.body());
        }
        return n;
    }

    private static StoredRequest fromJson(JsonNode n, boolean retainBodies) {
        JsonNode body = n.get("body");
        return new StoredRequest(text(n, "invocation_id"), text(n, "path"), text(n, "event_type"),
                text(n, "resource_uuid"), text(n, "resource_value"), n.required("event_count").asInt(),
                n.required("compressed_bytes").asLong(), Instant.parse(text(n, "received_at")),
                retainBodies && body != null && !body.isNull() ? body : null);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.required(key);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(key + " is not a string");
        }
        return v.textValue();
    }
}
