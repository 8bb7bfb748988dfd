package io.mcpush.cli;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.LogTypes;
import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.push.BatchRecord;
import io.mcpush.sdk.push.EventSource;
import io.mcpush.sdk.push.IngestionClient;
import io.mcpush.sdk.push.PushListener;
import io.mcpush.sdk.push.PushOptions;
import io.mcpush.sdk.push.PushResult;
import io.mcpush.sdk.push.PushResultFile;
import io.mcpush.sdk.push.PushTarget;
import io.mcpush.sdk.push.RetryPolicy;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mcpush.sdk.Timestamps;
import io.mcpush.source.SourceIdentity;
import io.mcpush.source.WatermarkStore;
import io.mcpush.source.logfile.LogPositions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Pushes the way {@code push} and {@code run} do: everything that can be wrong with the input is
 * checked before the first request (exit 2), every invocation id is printed as it arrives, the
 * result file and its ledger are written, and a summary ends the output. {@code push} feeds it a
 * manifest ({@link #push}); {@code run} feeds it a collector's stream ({@link #prepare}, then
 * {@link #send}). A complete push of a manifest with a window advances its source's watermark;
 * one with log positions (a log-file source) commits them.
 */
final class PushRunner {
    private static final ObjectMapper RESULT_JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Environment env;
    private final PrintWriter out;
    private final PrintWriter err;

    PushRunner(Environment env, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /**
     * Settings of one manifest push beyond the shared options. {@code stateDir} holds the
     * watermarks a pushed manifest with a window advances (null: the default directory).
     */
    record Request(Flow flow, Path manifest, Path result, String logType, boolean again, Path stateDir) {
        Request(Flow flow, Path manifest, Path result, String logType, boolean again) {
            this(flow, manifest, result, logType, again, null);
        }
    }

    /** A push whose settings were checked (exit 2 otherwise) before anything was read or sent. */
    record Prepared(PushTarget target, URI endpoint, IngestionClient client, PushOptions options) {
    }

    /** What a push did, and the exit code it calls for. */
    record Outcome(PushResult result, int exitCode) {
        boolean complete() {
            return result.complete();
        }
    }

    int push(Request request, PushOptionsMixin o) {
        Path manifest = request.manifest();
        if (!Files.isRegularFile(manifest)) {
            throw new UsageException("manifest " + manifest + " does not exist or is not a file");
        }
        if (!Files.isReadable(manifest)) {
            throw new UsageException("manifest " + manifest + " is not readable");
        }
        boolean overrideLogType = request.logType() != null;
        if (overrideLogType && !LogTypes.isSupported(request.logType())) {
            throw new UsageException("--log-type '" + request.logType() + "' is not accepted by Monte Carlo's query-log API "
                    + "(supported: " + String.join(", ", LogTypes.SUPPORTED) + ")");
        }
        ManifestHeader header;
        try (ManifestReader reader = ManifestReader.open(manifest, overrideLogType)) {
            header = reader.header();
        }
        if (header.flow() != request.flow()) {
            throw new UsageException(manifest + ":1: flow: the manifest holds " + header.flow().manifestName()
                    + ", not " + request.flow().manifestName() + " (use: mcpush push " + header.flow().cliName() + ")");
        }
        Instant windowEnd = windowEnd(manifest, header);
        LogPositions positions = positions(manifest, header);
        String resourceValue = overrideLogType ? request.logType() : header.resourceValue();
        Prepared prepared = prepare(request.flow(), resourceValue, header.resourceUuid(), o);
        Path result = request.result() != null ? request.result() : PushResultFile.defaultFor(manifest);
        Outcome outcome = send(prepared, EventSource.manifest(manifest, overrideLogType), manifest.toString(),
                manifest.toString(), result, request.again(), Map::of);
        SourceIdentity source = SourceIdentity.fromHeader(header.source());
        WatermarkStore store = new WatermarkStore(request.stateDir() != null ? request.stateDir()
                : WatermarkStore.defaultDir());
        if (outcome.complete() && windowEnd != null && source != null) {
            advanceWatermark(store, source, request.flow(), windowEnd);
        }
        if (outcome.complete() && positions != null && source != null) {
            commitPositions(store, source, request.flow(), positions, collectedAt(manifest, header));
        }
        return outcome.exitCode();
    }

    /** The header's log positions, checked before anything is sent; null when it has none. */
    private static LogPositions positions(Path manifest, ManifestHeader header) {
        if (header.positions() == null) {
            return null;
        }
        try {
            return LogPositions.fromJson(header.positions());
        } catch (IllegalArgumentException e) {
            throw new UsageException(manifest + ":1: " + e.getMessage());
        }
    }

    /** When the manifest was collected (for ordering committed positions); now when the header lacks it. */
    private static Instant collectedAt(Path manifest, ManifestHeader header) {
        if (header.collectedAt() == null) {
            return Instant.now();
        }
        try {
            return Timestamps.parseZoned(header.collectedAt());
        } catch (IllegalArgumentException e) {
            return Instant.now();
        }
    }

    /** Commits a log-file source's positions after a complete push, and says so. */
    void commitPositions(WatermarkStore store, SourceIdentity source, Flow flow, LogPositions positions,
            Instant collectedAt) {
        if (positions == null) {
            return;
        }
        boolean written = store.commitPositions(source, flow, positions, collectedAt);
        out.printf("log positions of %s %s %s (%s)%n", source, flow.manifestName(),
                written ? "committed: " + positions + " read up to their checkpoints"
                        : "stay: a later collection was committed already",
                store.fileFor(source, flow));
        out.flush();
    }

    /** The header's {@code window_end}, checked before anything is sent; null when it has none. */
    private static Instant windowEnd(Path manifest, ManifestHeader header) {
        if (header.windowEnd() == null) {
            return null;
        }
        try {
            return Timestamps.parseZoned(header.windowEnd());
        } catch (IllegalArgumentException e) {
            throw new UsageException(manifest + ":1: window_end: " + e.getMessage());
        }
    }

    /** Moves the watermark after a complete push, and says so. */
    void advanceWatermark(WatermarkStore store, SourceIdentity source, Flow flow, Instant windowEnd) {
        boolean moved = store.advance(source, flow, windowEnd);
        out.printf("watermark of %s %s %s %s (%s)%n", source, flow.manifestName(), moved ? "advanced to" : "stays at or after",
                Timestamps.toWire(windowEnd), store.fileFor(source, flow));
        out.flush();
    }

    /**
     * Checks the push settings: key, resource UUID ({@code --resource-uuid}, else the environment,
     * else {@code headerUuid}), endpoint and batching options. Usage errors (exit 2) come from here,
     * before a source is read or a request sent.
     */
    Prepared prepare(Flow flow, String resourceValue, String headerUuid, PushOptionsMixin o) {
        Environment.IngestKey key = env.ingestKey(o.ingestKeyFile);
        String uuid = firstNonNull(o.resourceUuid, env.get(Environment.RESOURCE_UUID), headerUuid);
        if (uuid == null) {
            throw new UsageException("no resource UUID: pass --resource-uuid, set " + Environment.RESOURCE_UUID
                    + " or put resource_uuid in the manifest header (find it with: mcpush resources)");
        }
        URI endpoint = endpoint(o);
        PushOptions options;
        try {
            options = PushOptions.defaults(flow)
                    .withConcurrency(o.concurrency)
                    .withMaxCompressedBytes(o.maxCompressedBytes)
                    .withTableTwins(!o.noTableTwins);
            if (o.maxEvents != null) {
                options = options.withMaxEvents(o.maxEvents);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().replace("maxEvents", "--max-events")
                    .replace("maxCompressedBytes", "--max-compressed-bytes").replace("concurrency", "--concurrency"));
        }
        IngestionClient client = IngestionClient.builder()
                .endpoint(endpoint)
                .key(key.id(), key.token())
                .requestTimeout(o.timeout)
                .retryPolicy(RetryPolicy.defaults().withDeadline(o.retryDeadline))
                .build();
        return new Prepared(new PushTarget(flow, uuid, resourceValue), endpoint, client, options);
    }

    /**
     * Pushes {@code events}, printing every invocation id as it arrives, then writes the result
     * file (with {@code extras} added: computed after the push, e.g. a collection's warnings) and
     * prints the summary. Shared by {@code push} and {@code run}.
     *
     * @param description what is pushed, for the first line (a manifest path, a source)
     * @param manifest    the manifest path recorded in the result file, or null
     */
    Outcome send(Prepared p, EventSource events, String description, String manifest, Path result, boolean again,
            Supplier<Map<String, Object>> extras) {
        Flow flow = p.target().flow();
        err.printf("pushing %s from %s to %s (resource %s, %s %s)%n", flow.manifestName(), description,
                p.endpoint(), p.target().resourceUuid(), flow == Flow.QUERY_LOGS ? "log_type" : "resource_type",
                p.target().resourceValue());
        err.flush();
        PushResult pushed = new io.mcpush.sdk.push.Pusher(p.client(), p.options())
                .push(p.target(), events, PushResultFile.ledgerFor(result), again, listener());
        writeResult(result, pushed, manifest, extras.get());
        return new Outcome(pushed, report(pushed, result));
    }

    private PushListener listener() {
        AtomicLong acknowledged = new AtomicLong();
        long started = System.nanoTime();
        return new PushListener() {
            private long total;

            @Override
            public void validated(long events) {
                total = events;
                err.printf("validated %,d events%n", events);
                err.flush();
            }

            @Override
            public synchronized void batchDone(BatchRecord b) {
                long done = b.tableTwins() ? acknowledged.get() : acknowledged.addAndGet(b.events());
                out.printf("invocation_id %s  %s %d events, lines %d-%d, %,d bytes gzip%s%s%n",
                        b.invocationId(), b.eventType(), b.events(), b.firstLine(), b.lastLine(), b.compressedBytes(),
                        "resumed".equals(b.status()) ? " (acknowledged earlier)" : "",
                        b.possibleDuplicate() ? " (possible duplicate: an earlier attempt's answer was lost)" : "");
                out.flush();
                if (!b.tableTwins()) {
                    double rate = done / Math.max(1e-3, (System.nanoTime() - started) / 1e9);
                    if (total > 0) {
                        err.printf(Locale.ROOT, "progress: %,d / %,d events (%.0f%%), %,.0f events/s%n", done, total,
                                100.0 * done / total, rate);
                    } else {
                        err.printf(Locale.ROOT, "progress: %,d events acknowledged, %,.0f events/s%n", done, rate);
                    }
                    err.flush();
                }
            }

            @Override
            public void batchSplit(int plannedBatch, int events) {
                err.printf("batch %d (%d events) was too large for the gateway (HTTP 413): splitting it%n",
                        plannedBatch, events);
                err.flush();
            }
        };
    }

    /** The pinned result file, plus {@code extras} (source, window, warnings of a collection) when given. */
    static void writeResult(Path file, PushResult result, String manifest, Map<String, Object> extras) {
        if (extras.isEmpty()) {
            PushResultFile.write(file, result, manifest);
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>(PushResultFile.toJson(result, manifest));
        m.putAll(extras);
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path temp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            RESULT_JSON.writeValue(temp.toFile(), m);
            Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result file " + file + ": " + e.getMessage(), e);
        }
    }

    private int report(PushResult r, Path resultFile) {
        long twinRequests = r.batches().stream().filter(BatchRecord::tableTwins).count();
        if (r.alreadyComplete()) {
            out.printf("already pushed completely: nothing sent (%s acknowledged earlier; --again pushes anew)%n",
                    plural(r.batches().size(), "request"));
        }
        out.printf(Locale.ROOT, "%s: %,d events in %s%s, %,d bytes gzip, %d sent now; result: %s%n",
                r.complete() ? "pushed" : "FAILED", r.events(), plural(r.batches().size(), "request"),
                twinRequests > 0 ? " (" + twinRequests + " of them table-level twins of column lineage)" : "",
                r.compressedBytes(), r.requestsSent(), resultFile);
        long duplicates = r.batches().stream().filter(BatchRecord::possibleDuplicate).count();
        if (duplicates > 0) {
            out.printf("warning: %d request(s) may have been stored twice (an answer was lost and the request resent)%n",
                    duplicates);
        }
        out.flush();
        if (!r.complete()) {
            err.println("error: " + r.failure().getMessage());
            err.println("what was acknowledged is recorded in " + PushResultFile.ledgerFor(resultFile)
                    + "; rerun the same command to send the rest");
            err.flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    URI endpoint(PushOptionsMixin o) {
        URI endpoint = o.endpoint;
        if (endpoint == null) {
            String fromEnv = env.get(Environment.INGEST_ENDPOINT);
            try {
                endpoint = fromEnv == null ? IngestionClient.DEFAULT_ENDPOINT : URI.create(fromEnv);
            } catch (IllegalArgumentException e) {
                throw new UsageException(Environment.INGEST_ENDPOINT + " is not a URL: " + e.getMessage());
            }
        }
        if (endpoint.getScheme() == null || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))) {
            throw new UsageException("endpoint '" + endpoint + "' is not an http(s) URL");
        }
        return endpoint;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
