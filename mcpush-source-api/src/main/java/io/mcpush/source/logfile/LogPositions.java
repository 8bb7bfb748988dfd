package io.mcpush.source.logfile;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint of a log-file source (DESIGN.md, "Watermarks"): one {@link FilePosition} per
 * file read. It travels as a small JSON object, {@code {"files": [{"path", "file_key",
 * "fingerprint", "fingerprint_bytes", "size", "offset", "gzip", "before_offset"}]}}, in the manifest header's
 * {@code positions} and in the watermark file, and is committed only after a complete push.
 * Immutable.
 */
public record LogPositions(List<FilePosition> files) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** No file read yet: every file is read from its start. */
    public static final LogPositions NONE = new LogPositions(List.of());

    public LogPositions {
        files = List.copyOf(requireNonNull(files, "files is null"));
    }

    /** The JSON shape, as plain maps and lists. */
    public Map<String, Object> toJson() {
        List<Object> list = new ArrayList<>();
        for (FilePosition f : files) {
            list.add(f.toJson());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", list);
        return m;
    }

    /** Reads the JSON shape (a map from a manifest header, or a Jackson tree). */
    public static LogPositions fromJson(Object json) {
        JsonNode node = json instanceof JsonNode n ? n : JSON.valueToTree(json);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("positions must be an object with a list 'files'");
        }
        JsonNode files = node.get("files");
        if (files == null || !files.isArray()) {
            throw new IllegalArgumentException("positions.files must be a list");
        }
        List<FilePosition> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            JsonNode f = files.get(i);
            String where = "positions.files[" + i + "]";
            if (!f.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            JsonNode key = f.get("file_key");
            JsonNode gzip = f.get("gzip");
            JsonNode before = f.get("before_offset");
            if (before != null && !before.isNull() && !before.isTextual()) {
                throw new IllegalArgumentException(where + ".before_offset must be a string");
            }
            if (key != null && !key.isNull() && !key.isTextual()) {
                throw new IllegalArgumentException(where + ".file_key must be a string");
            }
            if (gzip != null && !gzip.isBoolean()) {
                throw new IllegalArgumentException(where + ".gzip must be true or false");
            }
            out.add(new FilePosition(text(f, "path", where), key == null || key.isNull() ? null : key.textValue(),
                    text(f, "fingerprint", where), (int) number(f, "fingerprint_bytes", where), number(f, "size", where),
                    number(f, "offset", where), gzip != null && gzip.booleanValue(),
                    before == null || before.isNull() ? null : before.textValue()));
        }
        return new LogPositions(out);
    }

    private static String text(JsonNode f, String field, String where) {
        JsonNode v = f.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + "." + field + " must be a string");
        }
        return v.textValue();
    }

    private static long number(JsonNode f, String field, String where) {
        JsonNode v = f.get(field);
        if (v == null || !v.isIntegralNumber() || v.longValue() < 0) {
            throw new IllegalArgumentException(where + "." + field + " must be a whole number >= 0");
        }
        return v.longValue();
    }

    /** Where the summary says where a collection resumed or ended. */
    @Override
    public String toString() {
        return files.size() + (files.size() == 1 ? " log file" : " log files");
    }
}
