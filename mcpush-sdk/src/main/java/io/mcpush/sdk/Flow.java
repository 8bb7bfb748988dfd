package io.mcpush.sdk;

import java.util.Locale;

/** The three push flows, with their manifest spelling, CLI spelling and gateway path. */
public enum Flow {
    METADATA("metadata", "metadata", "/ingest/v1/metadata", "Metadata"),
    LINEAGE("lineage", "lineage", "/ingest/v1/lineage", "Lineage"),
    QUERY_LOGS("query_logs", "query-logs", "/ingest/v1/querylogs", "Query log");

    private final String manifestName;
    private final String cliName;
    private final String path;
    private final String label;

    Flow(String manifestName, String cliName, String path, String label) {
        this.manifestName = manifestName;
        this.cliName = cliName;
        this.path = path;
        this.label = label;
    }

    /** As spelled in manifest headers and result files: {@code query_logs}. */
    public String manifestName() {
        return manifestName;
    }

    /** As spelled on the command line: {@code query-logs}. */
    public String cliName() {
        return cliName;
    }

    /** Gateway path, e.g. {@code /ingest/v1/querylogs}. */
    public String path() {
        return path;
    }

    /** Human label used in messages, e.g. {@code Query log}. */
    public String label() {
        return label;
    }

    /** Accepts the manifest or the CLI spelling. */
    public static Flow parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Flow f : values()) {
            if (f.manifestName.equals(t) || f.cliName.equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown flow '" + text + "' (expected metadata, lineage or query-logs)");
    }
}
