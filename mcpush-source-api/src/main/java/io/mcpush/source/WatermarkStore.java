package io.mcpush.source;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.pipeline.Checkpoint;
import io.mcpush.sdk.pipeline.CheckpointStore;
import io.mcpush.sdk.pipeline.PushPipeline;
import io.mcpush.source.logfile.LogPositions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the last completely pushed collection of each source and flow ended (DESIGN.md,
 * "Watermarks"). One small JSON file per source identity and flow under the state directory
 * ({@code <dir>/<type>-<hash of the id>/<flow>.json}), written to a temporary file and moved
 * into place, so a crash leaves the old watermark or the new one, never half a file. A
 * watermark only moves forward. Callers advance it only after a push completed.
 *
 * <p>Log-file sources keep their checkpoint in the same file: {@code {"watermark": ...,
 * "positions": {"files": [...]}, "positions_collected_at": ...}} (either key may be missing).
 * Positions are replaced, not compared (a rotated file has no order with the old one), except
 * that positions from a collection older than the committed ones are refused, so pushing an old
 * manifest late never moves the checkpoint back.
 *
 * <p>Thread-safe for distinct keys; two processes advancing the same key race benignly (the
 * later move wins, and both values were complete pushes).
 */
public final class WatermarkStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    public WatermarkStore(Path dir) {
        this.dir = requireNonNull(dir, "dir is null");
    }

    /** {@code ~/.mcpush/state}. */
    public static Path defaultDir() {
        return Path.of(System.getProperty("user.home"), ".mcpush", "state");
    }

    public Path dir() {
        return dir;
    }

    /**
     * The checkpoint store of one source and flow for a {@link PushPipeline}: a
     * {@link Checkpoint.TimeWindow} advances the watermark to its end, a
     * {@link Checkpoint.LogPositions} commits the positions. Each commit answers with the line the
     * CLI prints.
     */
    public CheckpointStore checkpoints(SourceIdentity source, Flow flow) {
        requireNonNull(source, "source is null");
        requireNonNull(flow, "flow is null");
        return checkpoint -> {
            if (checkpoint instanceof Checkpoint.TimeWindow w) {
                return "watermark of " + source + " " + flow.manifestName() + " "
                        + (advance(source, flow, w.end()) ? "advanced to" : "stays at or after") + " "
                        + Timestamps.toWire(w.end()) + " (" + fileFor(source, flow) + ")";
            }
            if (checkpoint instanceof Checkpoint.LogPositions p) {
                LogPositions positions = LogPositions.fromJson(p.positions());
                boolean written = commitPositions(source, flow, positions, p.collectedAt());
                return "log positions of " + source + " " + flow.manifestName() + " " + (written ? "committed: "
                        + positions + " read up to their checkpoints" : "stay: a later collection was committed already")
                        + " (" + fileFor(source, flow) + ")";
            }
            return "";
        };
    }

    /** The file holding the watermark of {@code source} and {@code flow}. */
    public Path fileFor(SourceIdentity source, Flow flow) {
        String type = source.type().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return dir.resolve(type + "-" + sha256(source.type() + "\n" + source.id()).substring(0, 16))
                .resolve(flow.manifestName() + ".json");
    }

    /** The watermark, or null when this source and flow were never pushed completely. */
    public Instant read(SourceIdentity source, Flow flow) {
        Path file = fileFor(source, flow);
        JsonNode node = readFile(file);
        if (node == null) {
            return null;
        }
        JsonNode w = node.get("watermark");
        if (w == null && node.has("positions")) {
            return null; // a log-file source's checkpoint: no time watermark
        }
        if (w == null || !w.isTextual()) {
            throw new SourceException("watermark file " + file + " has no watermark; delete it to start over "
                    + "from --lookback");
        }
        try {
            return Timestamps.parseZoned(w.textValue());
        } catch (IllegalArgumentException e) {
            throw new SourceException("watermark file " + file + " is damaged (" + e.getMessage()
                    + "); delete it to start over from --lookback", e);
        }
    }

    /**
     * The log positions committed for this source and flow, or null when none were (every file
     * is then read from its start).
     */
    public LogPositions readPositions(SourceIdentity source, Flow flow) {
        Path file = fileFor(source, flow);
        JsonNode node = readFile(file);
        JsonNode p = node == null ? null : node.get("positions");
        if (p == null || p.isNull()) {
            return null;
        }
        try {
            return LogPositions.fromJson(p);
        } catch (IllegalArgumentException e) {
            throw new SourceException("watermark file " + file + " is damaged (" + e.getMessage()
                    + "); delete it to read the log files from their start", e);
        }
    }

    /**
     * Commits the log positions a completely pushed collection reached, keeping the file's time
     * watermark. Refused (false) when the committed positions come from a later collection.
     *
     * @param collectedAt when the pushed collection was made
     * @return true when the positions were written
     */
    public synchronized boolean commitPositions(SourceIdentity source, Flow flow, LogPositions positions,
            Instant collectedAt) {
        requireNonNull(positions, "positions is null");
        requireNonNull(collectedAt, "collectedAt is null");
        Path file = fileFor(source, flow);
        JsonNode node = readFile(file);
        JsonNode at = node == null ? null : node.get("positions_collected_at");
        if (at != null && at.isTextual()) {
            try {
                if (Timestamps.parseZoned(at.textValue()).isAfter(collectedAt)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                // a damaged time: overwrite it with a good one
            }
        }
        Map<String, Object> m = base(source, flow);
        JsonNode w = node == null ? null : node.get("watermark");
        if (w != null && w.isTextual()) {
            m.put("watermark", w.textValue());
        }
        m.put("positions", positions.toJson());
        m.put("positions_collected_at", Timestamps.toWire(collectedAt));
        m.put("updated_at", Timestamps.toWire(Instant.now()));
        write(file, m);
        return true;
    }

    private static JsonNode readFile(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new SourceException("watermark file " + file + " is damaged (not a JSON object); delete it "
                        + "to start over from --lookback");
            }
            return node;
        } catch (IOException e) {
            throw new SourceException("watermark file " + file + " is damaged (" + e.getMessage()
                    + "); delete it to start over from --lookback", e);
        }
    }

    private static Map<String, Object> base(SourceIdentity source, Flow flow) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source.toHeader());
        m.put("flow", flow.manifestName());
        return m;
    }

    /**
     * Moves the watermark to {@code windowEnd} unless it is already later.
     *
     * @return true when it moved
     */
    public synchronized boolean advance(SourceIdentity source, Flow flow, Instant windowEnd) {
        requireNonNull(windowEnd, "windowEnd is null");
        Instant current = read(source, flow);
        if (current != null && !windowEnd.isAfter(current)) {
            return false;
        }
        Path file = fileFor(source, flow);
        JsonNode node = readFile(file);
        Map<String, Object> m = base(source, flow);
        m.put("watermark", Timestamps.toWire(windowEnd));
        if (node != null && node.has("positions")) {
            m.put("positions", JSON.convertValue(node.get("positions"), Object.class));
            if (node.has("positions_collected_at")) {
                m.put("positions_collected_at", node.get("positions_collected_at").asText());
            }
        }
        m.put("updated_at", Timestamps.toWire(Instant.now()));
        write(file, m);
        return true;
    }

    private static void write(Path file, Map<String, Object> m) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.write(temp, JSON.writeValueAsBytes(m));
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write watermark " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
