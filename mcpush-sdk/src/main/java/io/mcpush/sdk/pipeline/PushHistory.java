package io.mcpush.sdk.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpush.sdk.EventType;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.json.PyJsonWriter;
import io.mcpush.sdk.push.BatchRecord;
import io.mcpush.sdk.push.PushResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What was pushed, per Monte Carlo resource and flow: one JSON line appended when a push was
 * delivered (every event acknowledged or in the dead letters), in
 * {@code <dir>/<resource_uuid>/<flow>.jsonl}. It is what the cadence guard and {@code mcpush
 * status} read: Monte Carlo's detectors need pushes spread over time (freshness: 7 pushes over
 * about 2 weeks; volume: 10 samples over about 6 weeks), metadata pushed more than hourly makes
 * them unpredictable, and column lineage expires after 10 days.
 *
 * <p>A sample is one collection: pushes of the same manifest again (same {@code collected_at})
 * are recorded but are not new samples. Lines are appended with one write each, so a crash loses
 * at most the line being written, which reading skips. Thread-safe for one process.
 */
public final class PushHistory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private final Path dir;

    public PushHistory(Path dir) {
        this.dir = requireNonNull(dir, "dir is null");
    }

    public Path dir() {
        return dir;
    }

    /** One delivered push. {@code collectedAt} is null when the manifest did not say. */
    public record Entry(String resourceUuid, Flow flow, Instant pushedAt, Instant collectedAt, long events,
            long deadLetters, long columnLineageEvents, List<String> invocationIds, String manifest) {
        public Entry {
            requireNonNull(resourceUuid, "resourceUuid is null");
            requireNonNull(flow, "flow is null");
            requireNonNull(pushedAt, "pushedAt is null");
            invocationIds = List.copyOf(invocationIds);
        }

        /** The collection this push sent: its collection time, else the push time. */
        public Instant sampleTime() {
            return collectedAt != null ? collectedAt : pushedAt;
        }
    }

    /** A resource and flow with history. */
    public record Key(String resourceUuid, Flow flow) {
    }

    /** The file of one resource and flow. */
    public Path fileFor(String resourceUuid, Flow flow) {
        String name = SAFE.matcher(resourceUuid).matches() ? resourceUuid
                : "uuid-" + Integer.toHexString(resourceUuid.hashCode());
        return dir.resolve(name).resolve(flow.manifestName() + ".jsonl");
    }

    /** Records a delivered push; does nothing for one that was not delivered. */
    public Entry record(PushResult result, Instant collectedAt, String manifest) {
        requireNonNull(result, "result is null");
        if (!result.delivered()) {
            return null;
        }
        long columnLineage = 0;
        for (BatchRecord b : result.batches()) {
            if (b.eventType() == EventType.COLUMN_LINEAGE && b.acknowledged()) {
                columnLineage += b.events();
            }
        }
        Entry e = new Entry(result.target().resourceUuid(), result.target().flow(), result.finishedAt(), collectedAt,
                result.events(), result.deadLetterCount(), columnLineage, result.invocationIds(), manifest);
        append(e);
        return e;
    }

    private synchronized void append(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pushed_at", Timestamps.toWire(e.pushedAt()));
        m.put("collected_at", e.collectedAt() == null ? null : Timestamps.toWire(e.collectedAt()));
        m.put("resource_uuid", e.resourceUuid());
        m.put("flow", e.flow().manifestName());
        m.put("events", e.events());
        m.put("dead_letters", e.deadLetters());
        m.put("column_lineage_events", e.columnLineageEvents());
        m.put("manifest", e.manifest());
        m.put("invocation_ids", e.invocationIds());
        Path file = fileFor(e.resourceUuid(), e.flow());
        try {
            Files.createDirectories(file.getParent());
            byte[] line = new PyJsonWriter(256).value(m).raw("\n").toByteArray();
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                out.write(line);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the push history " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** The entries of one resource and flow, oldest first (empty when there are none). */
    public List<Entry> read(String resourceUuid, Flow flow) {
        Path file = fileFor(resourceUuid, flow);
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the push history " + file + ": " + e.getMessage(), e);
        }
        for (String line : lines) {
            Entry e = parse(line);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static Entry parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject()) {
                return null;
            }
            List<String> ids = new ArrayList<>();
            n.path("invocation_ids").forEach(id -> ids.add(id.asText()));
            return new Entry(n.path("resource_uuid").asText(), Flow.parse(n.path("flow").asText()),
                    Timestamps.parseZoned(n.path("pushed_at").asText()),
                    n.path("collected_at").isTextual() ? Timestamps.parseZoned(n.path("collected_at").asText()) : null,
                    n.path("events").asLong(), n.path("dead_letters").asLong(), n.path("column_lineage_events").asLong(),
                    ids, n.path("manifest").isTextual() ? n.path("manifest").asText() : null);
        } catch (IOException | RuntimeException torn) {
            return null; // a line cut short by a crash
        }
    }

    /** The most recent entry of one resource and flow, or null. */
    public Entry last(String resourceUuid, Flow flow) {
        List<Entry> all = read(resourceUuid, flow);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Every resource and flow with a history, in directory order (sorted). */
    public List<Key> keys() {
        List<Key> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> resources = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(resources::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the push history " + dir + ": " + e.getMessage(), e);
        }
        resources.sort(null);
        for (Path r : resources) {
            for (Flow f : Flow.values()) {
                Path file = r.resolve(f.manifestName() + ".jsonl");
                if (Files.isRegularFile(file)) {
                    Entry any = null;
                    try {
                        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                            any = parse(line);
                            if (any != null) {
                                break;
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
                    }
                    if (any != null) {
                        out.add(new Key(any.resourceUuid(), f));
                    }
                }
            }
        }
        return out;
    }
}
