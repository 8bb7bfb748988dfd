package io.mcpush.sdk.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the pinned push result file (DESIGN.md, "Push result"): {@code flow},
 * {@code resource_uuid}, {@code events}, {@code batches} (one object per request: {@code index},
 * {@code events}, {@code compressed_bytes}, {@code invocation_id}, {@code status}, ...) and
 * {@code invocation_ids} in batch order. Written to a temporary file and moved into place.
 * Stateless.
 */
public final class PushResultFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PushResultFile() {
    }

    /** The default result path for a manifest: {@code <manifest>.push.json}. */
    public static Path defaultFor(Path manifest) {
        return manifest.resolveSibling(manifest.getFileName() + ".push.json");
    }

    /** The ledger kept beside a result file: {@code <result>.ledger}. */
    public static Path ledgerFor(Path result) {
        return result.resolveSibling(result.getFileName() + ".ledger");
    }

    public static Map<String, Object> toJson(PushResult result, String manifest) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mcpush_result", 1);
        m.put("flow", result.target().flow().manifestName());
        m.put("resource_uuid", result.target().resourceUuid());
        m.put(result.target().flow() == Flow.QUERY_LOGS ? "log_type" : "resource_type",
                result.target().resourceValue());
        if (manifest != null) {
            m.put("manifest", manifest);
        }
        m.put("status", result.complete() ? "complete" : result.delivered() ? "dead_letters" : "failed");
        m.put("events", result.events());
        m.put("requests_sent", result.requestsSent());
        m.put("compressed_bytes", result.compressedBytes());
        m.put("started_at", Timestamps.toWire(result.startedAt()));
        m.put("finished_at", Timestamps.toWire(result.finishedAt()));
        List<Map<String, Object>> batches = new ArrayList<>();
        int index = 0;
        for (BatchRecord b : result.batches()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("index", index++);
            o.put("planned_batch", b.plannedBatch());
            o.put("event_type", b.eventType().name());
            o.put("events", b.events());
            o.put("first_line", b.firstLine());
            o.put("last_line", b.lastLine());
            o.put("compressed_bytes", b.compressedBytes());
            o.put("invocation_id", b.invocationId());
            o.put("status", b.status());
            o.put("attempts", b.attempts());
            if (b.possibleDuplicate()) {
                o.put("possible_duplicate", true);
            }
            if (b.tableTwins()) {
                o.put("table_twins", true);
            }
            if (b.error() != null) {
                o.put("error", b.error());
            }
            batches.add(o);
        }
        m.put("batches", batches);
        m.put("invocation_ids", result.invocationIds());
        long duplicates = result.batches().stream().filter(BatchRecord::possibleDuplicate).count();
        if (duplicates > 0) {
            m.put("possible_duplicates", duplicates);
        }
        if (result.deadLetterCount() > 0) {
            m.put("dead_letters", result.deadLetterCount());
            List<Map<String, Object>> sample = new ArrayList<>();
            for (PushResult.DeadLetter d : result.deadLetters()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("line", d.line());
                o.put("event_type", d.eventType().name());
                o.put("reason", d.reason());
                sample.add(o);
            }
            m.put("dead_letter_lines", sample);
        }
        if (result.failure() != null) {
            m.put("error", result.failure().getMessage());
        }
        return m;
    }

    public static void write(Path file, PushResult result, String manifest) {
        write(file, result, manifest, Map.of());
    }

    /** Writes the result with {@code extras} added after the pinned keys (a collection's source, window, warnings). */
    public static void write(Path file, PushResult result, String manifest, Map<String, Object> extras) {
        Map<String, Object> json = toJson(result, manifest);
        json.putAll(extras);
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path temp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            JSON.writeValue(temp.toFile(), json);
            Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result file " + file + ": " + e.getMessage(), e);
        }
    }
}
