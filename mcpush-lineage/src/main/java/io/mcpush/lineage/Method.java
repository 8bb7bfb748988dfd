package io.mcpush.lineage;

/** How an edge was found, and so how much to trust it. */
public enum Method {
    /** From the full parse tree: high confidence. */
    PARSED(1.0),
    /**
     * From a rewritten statement or a tolerant token-level reading after the parser rejected the
     * statement: lower confidence.
     */
    FALLBACK(0.6);

    private final double confidence;

    Method(double confidence) {
        this.confidence = confidence;
    }

    /** A confidence between 0 and 1. */
    public double confidence() {
        return confidence;
    }

    /** The weaker of two methods, for an edge derived through both. */
    public Method weakest(Method other) {
        return this == FALLBACK || other == FALLBACK ? FALLBACK : PARSED;
    }
}
