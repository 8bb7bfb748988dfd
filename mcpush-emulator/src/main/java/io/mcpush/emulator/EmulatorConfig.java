package io.mcpush.emulator;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to run an {@link Emulator}. Build one with {@link #builder()}.
 *
 * <p>Immutable and thread-safe. {@code keys} and {@code faults} are never null ({@code keys}
 * may be empty, in which case every request is answered 401); {@code storeDir} is null when
 * requests are kept in memory only.
 *
 * @param port TCP port on 127.0.0.1, 0 for any free port
 * @param keys the ingestion keys the gateway accepts
 * @param maxCompressedBytes largest accepted gzip-compressed body (Kinesis' 1 MiB by default)
 * @param storeDir when not null, accepted requests are appended to {@code storeDir/requests.jsonl}
 *     and loaded again on start
 * @param retainBodies when false only a summary of each request is kept in memory (bodies still
 *     go to {@code storeDir} when one is set) and nothing is added to what {@code /graphql} answers
 *     from, so large benchmarks do not fill the heap
 * @param faults injected failures; {@link FaultPlan#none()} for none
 * @param workerThreads threads handling requests
 * @param graphqlKeys the GraphQL API keys {@code /graphql} accepts (none: every GraphQL request is 401)
 * @param warehouses what {@code getUser} lists; when empty, one warehouse per pushed resource
 * @param queryLogDelay how long after its push a query log starts to count in {@code getAggregatedQueries}
 *     (Monte Carlo takes 15-20 minutes and more; zero by default)
 * @param clock "now" for the emulator: when a request was received, and for GraphQL answers the expiry of
 *     column lineage and custom lineage and the query-log delay (all measured on this one clock)
 */
public record EmulatorConfig(int port, List<IngestKey> keys, long maxCompressedBytes, Path storeDir,
        boolean retainBodies, FaultPlan faults, int workerThreads, List<GraphqlKey> graphqlKeys,
        List<EmulatedWarehouse> warehouses, Duration queryLogDelay, Clock clock) {
    /** Kinesis' record limit, which the gateway applies to the gzip-compressed body. */
    public static final long DEFAULT_MAX_COMPRESSED_BYTES = 1_048_576;
    public static final int DEFAULT_WORKER_THREADS = 8;

    public EmulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
        if (maxCompressedBytes <= 0) {
            throw new IllegalArgumentException("maxCompressedBytes must be positive, got " + maxCompressedBytes);
        }
        requireNonNull(faults, "faults is null");
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be at least 1, got " + workerThreads);
        }
        long distinctIds = keys.stream().map(IngestKey::id).distinct().count();
        if (distinctIds != keys.size()) {
            throw new IllegalArgumentException("two keys share one id");
        }
        graphqlKeys = List.copyOf(requireNonNull(graphqlKeys, "graphqlKeys is null"));
        if (graphqlKeys.stream().map(GraphqlKey::id).distinct().count() != graphqlKeys.size()) {
            throw new IllegalArgumentException("two GraphQL keys share one id");
        }
        warehouses = List.copyOf(requireNonNull(warehouses, "warehouses is null"));
        requireNonNull(queryLogDelay, "queryLogDelay is null");
        if (queryLogDelay.isNegative()) {
            throw new IllegalArgumentException("queryLogDelay must not be negative, got " + queryLogDelay);
        }
        requireNonNull(clock, "clock is null");
    }

    /** A gateway-only configuration (no GraphQL keys, warehouses from pushes, no query-log delay). */
    public EmulatorConfig(int port, List<IngestKey> keys, long maxCompressedBytes, Path storeDir,
            boolean retainBodies, FaultPlan faults, int workerThreads) {
        this(port, keys, maxCompressedBytes, storeDir, retainBodies, faults, workerThreads, List.of(), List.of(),
                Duration.ZERO, Clock.systemUTC());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable, not thread-safe builder; every setter rejects null except {@link #storeDir}. */
    public static final class Builder {
        private int port;
        private final List<IngestKey> keys = new ArrayList<>();
        private long maxCompressedBytes = DEFAULT_MAX_COMPRESSED_BYTES;
        private Path storeDir;
        private boolean retainBodies = true;
        private FaultPlan faults = FaultPlan.none();
        private int workerThreads = DEFAULT_WORKER_THREADS;
        private final List<GraphqlKey> graphqlKeys = new ArrayList<>();
        private final List<EmulatedWarehouse> warehouses = new ArrayList<>();
        private Duration queryLogDelay = Duration.ZERO;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder key(IngestKey key) {
            keys.add(requireNonNull(key, "key is null"));
            return this;
        }

        public Builder keys(List<IngestKey> keys) {
            requireNonNull(keys, "keys is null").forEach(this::key);
            return this;
        }

        public Builder maxCompressedBytes(long maxCompressedBytes) {
            this.maxCompressedBytes = maxCompressedBytes;
            return this;
        }

        /** Null keeps requests in memory only. */
        public Builder storeDir(Path storeDir) {
            this.storeDir = storeDir;
            return this;
        }

        public Builder retainBodies(boolean retainBodies) {
            this.retainBodies = retainBodies;
            return this;
        }

        public Builder faults(FaultPlan faults) {
            this.faults = requireNonNull(faults, "faults is null");
            return this;
        }

        public Builder workerThreads(int workerThreads) {
            this.workerThreads = workerThreads;
            return this;
        }

        /** A GraphQL API key for {@code /graphql} (repeatable). */
        public Builder graphqlKey(GraphqlKey key) {
            graphqlKeys.add(requireNonNull(key, "key is null"));
            return this;
        }

        /** A warehouse for {@code getUser} (repeatable); none: one per pushed resource. */
        public Builder warehouse(EmulatedWarehouse warehouse) {
            warehouses.add(requireNonNull(warehouse, "warehouse is null"));
            return this;
        }

        /** How long pushed query logs stay invisible to {@code getAggregatedQueries}. */
        public Builder queryLogDelay(Duration delay) {
            this.queryLogDelay = requireNonNull(delay, "delay is null");
            return this;
        }

        /** "Now" for expiry and the query-log delay (tests move it forward). */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        public EmulatorConfig build() {
            return new EmulatorConfig(port, keys, maxCompressedBytes, storeDir, retainBodies, faults, workerThreads,
                    graphqlKeys, warehouses, queryLogDelay, clock);
        }
    }
}
