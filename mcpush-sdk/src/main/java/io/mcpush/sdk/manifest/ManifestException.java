package io.mcpush.sdk.manifest;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.McpushException;

/**
 * A manifest cannot be read: the message is {@code FILE:LINE: field: problem}. Reading stops at
 * the first bad line and nothing is sent from such a manifest.
 */
public class ManifestException extends McpushException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long line;
    private final String field;

    public ManifestException(String file, long line, String field, String problem) {
        super(requireNonNull(file, "file is null") + ":" + line + ": "
                + (field == null || field.isEmpty() ? "" : field + ": ") + requireNonNull(problem, "problem is null"));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    /** 1-based line number; line 1 is the header. */
    public long line() {
        return line;
    }

    /** JSON path of the offending value, or null for a problem with the whole line. */
    public String field() {
        return field;
    }
}
