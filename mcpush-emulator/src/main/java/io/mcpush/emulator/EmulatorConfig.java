package io.mcpush.emulator;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
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
 *     go to {@code storeDir} when one is set), so large benchmarks do not fill the heap
 * @param faults injected failures; {@link FaultPlan#none()} for none
 * @param workerThreads threads handling requests
 */
public record EmulatorConfig(int port, List<IngestKey> keys, long maxCompressedBytes, Path storeDir,
        boolean retainBodies, FaultPlan faults, int workerThreads) {
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

        public EmulatorConfig build() {
            return new EmulatorConfig(port, keys, maxCompressedBytes, storeDir, retainBodies, faults, workerThreads);
        }
    }
}
