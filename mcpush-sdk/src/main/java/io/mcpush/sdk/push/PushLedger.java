package io.mcpush.sdk.push;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpush.sdk.EventType;
import io.mcpush.sdk.json.PyJsonWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record of what the gateway acknowledged, one JSON line per request, appended and flushed
 * to the operating system as each answer arrives, so that a push killed at any moment can be
 * rerun without sending acknowledged requests again. A line {@code "intent"} is written before a
 * request is sent; an intent without its acknowledgement means the request may have reached the
 * gateway before the process died, and its resend is reported as a possible duplicate.
 * Requests are keyed by planned batch, the batch's content hash and the event offsets within it,
 * so a changed manifest or changed batching simply does not match. Thread-safe.
 */
final class PushLedger implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One acknowledged request read back from the ledger. */
    record Ack(int from, int to, String invocationId, long compressedBytes, long firstLine, long lastLine,
            String contentHash, boolean possibleDuplicate) {
    }

    private final Path file;
    private final OutputStream out;
    private final Map<String, List<Ack>> acks = new HashMap<>();
    private final Set<String> intents = new HashSet<>();

    private PushLedger(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** No ledger: nothing is remembered (pushes from memory). */
    static PushLedger none() {
        return new PushLedger(null, null);
    }

    /** Opens (or with {@code fresh}, restarts) the ledger file and reads what it already holds. */
    static PushLedger open(Path file, boolean fresh) {
        requireNonNull(file, "file is null");
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            if (fresh) {
                Files.deleteIfExists(file);
            }
            PushLedger ledger = new PushLedger(file, Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE));
            ledger.load();
            return ledger;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the push ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private static String key(int batch, String batchHash) {
        return batch + "/" + batchHash;
    }

    private static String intentKey(int batch, String batchHash, int from, int to) {
        return batch + "/" + batchHash + "/" + from + "-" + to;
    }

    private void load() throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException torn) {
                    continue; // a line cut short by a kill: that request was never acknowledged
                }
                if (n == null || !n.has("batch_hash")) {
                    continue;
                }
                int batch = n.path("batch").asInt();
                String batchHash = n.path("batch_hash").asText();
                int from = n.path("from").asInt();
                int to = n.path("to").asInt();
                if (n.has("invocation_id") || "ack".equals(n.path("entry").asText())) {
                    if (!n.path("invocation_id").isTextual() || n.path("invocation_id").asText().isBlank()) {
                        // written by a version that took a 2xx without an invocation id for an
                        // acknowledgement: the gateway did not take that request, so send it again
                        continue;
                    }
                    acks.computeIfAbsent(key(batch, batchHash), k -> new ArrayList<>()).add(new Ack(from, to,
                            n.path("invocation_id").asText(),
                            n.path("compressed_bytes").asLong(-1), n.path("first_line").asLong(),
                            n.path("last_line").asLong(), n.path("hash").asText(),
                            n.path("possible_duplicate").asBoolean(false)));
                } else if ("intent".equals(n.path("entry").asText())) {
                    intents.add(intentKey(batch, batchHash, from, to));
                }
            }
        }
    }

    synchronized List<Ack> acknowledged(int batch, String batchHash) {
        return List.copyOf(acks.getOrDefault(key(batch, batchHash), List.of()));
    }

    synchronized boolean hadIntent(int batch, String batchHash, int from, int to) {
        return intents.contains(intentKey(batch, batchHash, from, to));
    }

    synchronized void intent(int batch, String batchHash, int from, int to, String hash) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry", "intent");
        m.put("batch", batch);
        m.put("batch_hash", batchHash);
        m.put("from", from);
        m.put("to", to);
        m.put("hash", hash);
        append(m);
        intents.add(intentKey(batch, batchHash, from, to));
    }

    synchronized void acknowledged(int batch, String batchHash, EventType type, BatchRecord record) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry", "ack");
        m.put("batch", batch);
        m.put("batch_hash", batchHash);
        m.put("from", record.from());
        m.put("to", record.to());
        m.put("event_type", type.name());
        m.put("events", record.events());
        m.put("first_line", record.firstLine());
        m.put("last_line", record.lastLine());
        m.put("hash", record.contentHash());
        m.put("compressed_bytes", record.compressedBytes());
        m.put("invocation_id", record.invocationId());
        m.put("possible_duplicate", record.possibleDuplicate());
        append(m);
        acks.computeIfAbsent(key(batch, batchHash), k -> new ArrayList<>()).add(new Ack(record.from(), record.to(),
                record.invocationId(), record.compressedBytes(), record.firstLine(), record.lastLine(),
                record.contentHash(), record.possibleDuplicate()));
    }

    private void append(Map<String, Object> entry) {
        if (out == null) {
            return;
        }
        PyJsonWriter w = new PyJsonWriter(256);
        w.value(entry).raw("\n");
        try {
            // one write per line and no user-space buffer: a killed process loses at most the
            // line being written, which load() skips
            out.write(w.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the push ledger " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the push ledger " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
