package io.mcpush.sdk.push;

import io.mcpush.sdk.Flow;

/**
 * How a push is cut into requests. {@code maxEvents} caps events per request;
 * {@code maxCompressedBytes} caps each request body's gzip size (the gateway's hard limit is
 * 1 MiB compressed; the default leaves a margin because the gateway's compressor is not ours);
 * {@code concurrency} bounds requests in flight; {@code tableTwins} also sends every
 * column-lineage event as a table-level LINEAGE event, because column lineage expires after 10
 * days and table lineage never does. Immutable.
 */
public record PushOptions(int maxEvents, long maxCompressedBytes, int concurrency, boolean tableTwins) {
    public static final long DEFAULT_MAX_COMPRESSED_BYTES = 900_000;

    public PushOptions {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1");
        }
        if (maxCompressedBytes < 1024) {
            throw new IllegalArgumentException("maxCompressedBytes must be at least 1024");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }

    /**
     * Per-flow event caps from the spec: 50 assets (Monte Carlo's advice; larger metadata batches
     * time out on big warehouses), 500 lineage events (templates), 250 query logs (docs; the size
     * cap, not the count, protects against long SQL).
     */
    public static int defaultMaxEvents(Flow flow) {
        return switch (flow) {
            case METADATA -> 50;
            case LINEAGE -> 500;
            case QUERY_LOGS -> 250;
        };
    }

    public static PushOptions defaults(Flow flow) {
        return new PushOptions(defaultMaxEvents(flow), DEFAULT_MAX_COMPRESSED_BYTES, 4, true);
    }

    public PushOptions withMaxEvents(int value) {
        return new PushOptions(value, maxCompressedBytes, concurrency, tableTwins);
    }

    public PushOptions withMaxCompressedBytes(long value) {
        return new PushOptions(maxEvents, value, concurrency, tableTwins);
    }

    public PushOptions withConcurrency(int value) {
        return new PushOptions(maxEvents, maxCompressedBytes, value, tableTwins);
    }

    public PushOptions withTableTwins(boolean value) {
        return new PushOptions(maxEvents, maxCompressedBytes, concurrency, value);
    }
}
