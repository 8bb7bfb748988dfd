package io.mcpush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Writes manifests for tests. */
final class Manifests {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String UUID = "4f1c9b2e-6d7a-4e3b-9c21-0d5e8f7a6b10";
    static final String METADATA_HEADER = "{\"mcpush_manifest\": 1, \"flow\": \"metadata\", \"resource_type\": \"snowflake\", "
            + "\"resource_uuid\": \"" + UUID + "\", \"collected_at\": \"2026-11-25T10:00:00Z\"}";
    static final String LINEAGE_HEADER = "{\"mcpush_manifest\": 1, \"flow\": \"lineage\", \"resource_type\": \"snowflake\", "
            + "\"resource_uuid\": \"" + UUID + "\"}";
    static final String QUERY_LOG_HEADER = "{\"mcpush_manifest\": 1, \"flow\": \"query_logs\", \"log_type\": \"snowflake\", "
            + "\"resource_uuid\": \"" + UUID + "\"}";

    private Manifests() {
    }

    /** Copies a sample manifest (shipped in the CLI jar under /examples) into {@code dir}. */
    static Path example(Path dir, String name) {
        Path target = dir.resolve(name);
        try (InputStream in = Manifests.class.getResourceAsStream("/examples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample manifest " + name + " on the class path");
            }
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String header, List<String> events) {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(events);
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** One metadata line for table {@code name}. */
    static String table(String name) {
        return table(name, null);
    }

    /** One metadata line whose description is {@code description} (null: none). */
    static String table(String name, String description) {
        return "{\"type\": \"TABLE\", \"metadata\": {\"name\": \"" + name + "\", \"database\": \"SHOP\", \"schema\": \"RAW\""
                + (description == null ? "" : ", \"description\": \"" + description + "\"")
                + "}, \"fields\": [{\"name\": \"ID\", \"type\": \"NUMBER\"}], \"volume\": {\"row_count\": 12}}";
    }

    /** Table names T0000, T0001, ... */
    static String name(int i) {
        return String.format("T%04d", i);
    }

    /** A metadata manifest of {@code count} tables named by {@link #name(int)}. */
    static Path metadata(Path file, int count) {
        return metadata(file, count, 0);
    }

    /**
     * A metadata manifest of {@code count} tables, each with {@code paddingHexChars} random hex
     * characters of description (random, so gzip cannot shrink them much; seeded, so stable).
     */
    static Path metadata(Path file, int count, int paddingHexChars) {
        Random random = new Random(7);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String description = null;
            if (paddingHexChars > 0) {
                byte[] b = new byte[(paddingHexChars + 1) / 2];
                random.nextBytes(b);
                description = HexFormat.of().formatHex(b).substring(0, paddingHexChars);
            }
            events.add(table(name(i), description));
        }
        return write(file, METADATA_HEADER, events);
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? null : n.asText()));
        return out;
    }
}
