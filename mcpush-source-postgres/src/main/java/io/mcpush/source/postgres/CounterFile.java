package io.mcpush.source.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpush.source.SourceException;
import io.mcpush.source.SourceIdentity;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The previous collection's counters: JSON Lines, a header line then one line per relation in
 * key order ({@link CounterEntry#compareKeys}), so that a collection merges it with the catalog
 * as both stream by, holding one line at a time whatever the number of tables. A new file is
 * written beside the old one and moved over it only when a collection completed, so a crash or
 * an interrupted collection leaves the previous counters in place.
 */
final class CounterFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FORMAT = "mcpush_postgres_counters";

    private CounterFile() {
    }

    /** Reads a counter file line by line; an absent file reads as empty. Not thread-safe. */
    static final class Reader implements AutoCloseable {
        private final Path file;
        private final BufferedReader in;
        private long line;

        Reader(Path file) {
            this.file = file;
            try {
                this.in = Files.exists(file) ? Files.newBufferedReader(file, StandardCharsets.UTF_8) : null;
                if (in != null) {
                    String header = in.readLine();
                    line = 1;
                    if (header == null || !JSON.readTree(header).has(FORMAT)) {
                        throw damaged("no header", null);
                    }
                }
            } catch (IOException e) {
                throw damaged(e.getMessage(), e);
            }
        }

        boolean existed() {
            return in != null;
        }

        /** The next entry, or null at the end. */
        CounterEntry next() {
            if (in == null) {
                return null;
            }
            try {
                String text = in.readLine();
                line++;
                if (text == null || text.isBlank()) {
                    return null;
                }
                JsonNode n = JSON.readTree(text);
                return new CounterEntry(n.get("schema").textValue(), n.get("table").textValue(), number(n, "inserted"),
                        number(n, "updated"), number(n, "deleted"), textOrNull(n, "rewrite_key"),
                        textOrNull(n, "changed_at"));
            } catch (IOException | RuntimeException e) {
                throw damaged("line " + line + ": " + e.getMessage(), e);
            }
        }

        private SourceException damaged(String what, Exception e) {
            return new SourceException("counter file " + file + " is damaged (" + what + "); delete it to start "
                    + "over (the next collection then reports no freshness)", e);
        }

        @Override
        public void close() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // read-only
                }
            }
        }
    }

    private static Long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.longValue();
    }

    private static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.textValue();
    }

    /** Writes a new counter file to a temporary file; {@link #commit} moves it into place. Not thread-safe. */
    static final class Writer implements AutoCloseable {
        private final Path file;
        private final Path temp;
        private final BufferedWriter out;
        private boolean committed;

        Writer(Path file, SourceIdentity source) {
            this.file = file;
            try {
                Files.createDirectories(file.getParent());
                this.temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
                this.out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                ObjectNode h = JSON.createObjectNode();
                h.put(FORMAT, 1);
                h.putPOJO("source", source.toHeader());
                out.write(JSON.writeValueAsString(h));
                out.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write counter file beside " + file + ": " + e.getMessage(), e);
            }
        }

        void write(CounterEntry e) {
            ObjectNode n = JSON.createObjectNode();
            n.put("schema", e.schema());
            n.put("table", e.table());
            n.put("inserted", e.inserted());
            n.put("updated", e.updated());
            n.put("deleted", e.deleted());
            n.put("rewrite_key", e.rewriteKey());
            n.put("changed_at", e.changedAt());
            try {
                out.write(JSON.writeValueAsString(n));
                out.newLine();
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot write counter file " + temp + ": " + ex.getMessage(), ex);
            }
        }

        /** Moves the new file over the old one. */
        void commit() {
            try {
                out.close();
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                committed = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write counter file " + file + ": " + e.getMessage(), e);
            }
        }

        /** Without a commit: drops the new file, keeping the previous counters. */
        @Override
        public void close() {
            if (!committed) {
                try {
                    out.close();
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless
                }
            }
        }
    }
}
