package io.mcpush.source;

import io.mcpush.sdk.Flow;

/** What a source can collect. A source declares the capabilities it has; the CLI refuses the rest. */
public enum Capability {
    /** Tables and views with columns, volume and freshness: the {@code metadata} flow. */
    METADATA("metadata"),
    /** Table-level lineage: the {@code lineage} flow. */
    TABLE_LINEAGE("table lineage"),
    /** Column-level lineage, within the {@code lineage} flow. */
    COLUMN_LINEAGE("column lineage"),
    /** Executed queries: the {@code query_logs} flow. */
    QUERY_LOGS("query logs");

    private final String label;

    Capability(String label) {
        this.label = label;
    }

    /** Lower-case words for messages and {@code mcpush sources}. */
    public String label() {
        return label;
    }

    /** True when a source with {@code capabilities} can produce {@code flow}. */
    public static boolean supports(java.util.Set<Capability> capabilities, Flow flow) {
        return switch (flow) {
            case METADATA -> capabilities.contains(METADATA);
            case LINEAGE -> capabilities.contains(TABLE_LINEAGE) || capabilities.contains(COLUMN_LINEAGE);
            case QUERY_LOGS -> capabilities.contains(QUERY_LOGS);
        };
    }
}
