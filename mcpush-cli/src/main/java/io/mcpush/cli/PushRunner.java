package io.mcpush.cli;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.http.Endpoints;
import io.mcpush.sdk.LogTypes;
import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.push.BatchRecord;
import io.mcpush.sdk.push.IngestionClient;
import io.mcpush.sdk.push.PushListener;
import io.mcpush.sdk.push.PushOptions;
import io.mcpush.sdk.push.PushResult;
import io.mcpush.sdk.push.PushResultFile;
import io.mcpush.sdk.push.PushTarget;
import io.mcpush.sdk.pipeline.Checkpoint;
import io.mcpush.sdk.pipeline.PushHistory;
import io.mcpush.sdk.pipeline.PushPipeline;
import io.mcpush.sdk.push.RetryPolicy;
import io.mcpush.sdk.Timestamps;
import io.mcpush.source.SourceIdentity;
import io.mcpush.source.WatermarkStore;
import io.mcpush.source.logfile.LogPositions;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes the way {@code push} and {@code run} do: everything that can be wrong with the input is
 * checked before the first request (exit 2), every invocation id is printed as it arrives, the
 * result file and its ledger are written, and a summary ends the output. {@code push} feeds it a
 * manifest ({@link #push}); {@code run} feeds it a collector's stream ({@link #prepare},
 * {@link #pipeline}, then {@link #run}). The work itself is the SDK's {@link PushPipeline}: this
 * class checks the command line, prints, and picks the exit code.
 */
final class PushRunner {
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

    /** What a pipeline did, and the exit code it calls for. */
    record Outcome(PushPipeline.Result result, int exitCode) {
        boolean delivered() {
            return result.push().delivered();
        }
    }

    /** Pushes a manifest; the outcome and the result file written. */
    Outcome push(Request request, PushOptionsMixin o) {
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
        Checkpoint checkpoint = checkpoint(manifest, header);
        String resourceValue = overrideLogType ? request.logType() : header.resourceValue();
        Prepared prepared = prepare(request.flow(), resourceValue, header.resourceUuid(), o);
        Path result = request.result() != null ? request.result() : PushResultFile.defaultFor(manifest);
        SourceIdentity source = SourceIdentity.fromHeader(header.source());
        Path stateDir = request.stateDir() != null ? request.stateDir() : WatermarkStore.defaultDir();
        WatermarkStore store = new WatermarkStore(stateDir);
        PushHistory history = history(stateDir);
        Instant collectedAt = header.collectedAt() == null ? null : collectedAt(manifest, header);
        if (request.flow() == Flow.METADATA) {
            warnOfCadence(history, prepared.target().resourceUuid(), collectedAt);
        }
        PushPipeline.Builder pipeline = pipeline(prepared)
                .manifest(manifest, overrideLogType)
                .resultFile(result)
                .again(request.again())
                .history(history, collectedAt);
        if (source != null) {
            pipeline.checkpoint(() -> checkpoint, store.checkpoints(source, request.flow()));
        }
        return run(prepared, pipeline, manifest.toString());
    }

    /** Monte Carlo's detectors aggregate metadata into hourly buckets: pushes closer than this confuse them. */
    static final java.time.Duration METADATA_CADENCE = java.time.Duration.ofHours(1);

    /** The push history kept in the state directory. */
    static PushHistory history(Path stateDir) {
        return new PushHistory(stateDir.resolve("history"));
    }

    /**
     * Warns when this metadata manifest was collected under an hour after the collection pushed
     * last for the same resource. Pushing a manifest again (same collection) is no new sample.
     */
    private void warnOfCadence(PushHistory history, String resourceUuid, Instant collectedAt) {
        if (collectedAt == null) {
            return;
        }
        List<PushHistory.Entry> entries = history.read(resourceUuid, Flow.METADATA);
        Instant closest = null;
        for (PushHistory.Entry e : entries) {
            if (collectedAt.equals(e.collectedAt())) {
                return; // the same collection again
            }
            java.time.Duration gap = java.time.Duration.between(e.sampleTime(), collectedAt).abs();
            if (gap.compareTo(METADATA_CADENCE) < 0) {
                closest = e.sampleTime();
            }
        }
        if (closest != null) {
            err.printf("warning: this manifest was collected at %s, under an hour from the metadata of resource %s "
                    + "pushed last (collected at %s): Monte Carlo's detectors aggregate metadata into hourly buckets, "
                    + "so push metadata at most once an hour%n", Timestamps.toWire(collectedAt), resourceUuid,
                    Timestamps.toWire(closest));
            err.flush();
        }
    }

    /**
     * Refuses (exit 2) a new metadata collection of a resource whose last metadata push was under an
     * hour ago, unless {@code force}.
     */
    static void checkMetadataCadence(PushHistory history, String resourceUuid, boolean force) {
        if (force) {
            return;
        }
        PushHistory.Entry last = history.last(resourceUuid, Flow.METADATA);
        if (last == null) {
            return;
        }
        java.time.Duration since = java.time.Duration.between(last.pushedAt(), Instant.now());
        if (since.compareTo(METADATA_CADENCE) < 0) {
            throw new UsageException("metadata of resource " + resourceUuid + " was pushed " + since.toMinutes()
                    + " min ago (at " + Timestamps.toWire(last.pushedAt()) + "): Monte Carlo's detectors aggregate "
                    + "metadata into hourly buckets and sub-hourly pushes make them unpredictable; run again after "
                    + Timestamps.toWire(last.pushedAt().plus(METADATA_CADENCE)) + ", or pass --force to push now "
                    + "(nothing was collected or sent)");
        }
    }

    /** The header's window or log positions, checked before anything is sent. */
    private static Checkpoint checkpoint(Path manifest, ManifestHeader header) {
        LogPositions positions = positions(manifest, header);
        if (positions != null) {
            return new Checkpoint.LogPositions(positions.toJson(), collectedAt(manifest, header));
        }
        Instant end = windowEnd(manifest, header);
        if (end == null) {
            return Checkpoint.NONE;
        }
        Instant start = end;
        if (header.windowStart() != null) {
            try {
                start = Timestamps.parseZoned(header.windowStart());
            } catch (IllegalArgumentException e) {
                throw new UsageException(manifest + ":1: window_start: " + e.getMessage());
            }
        }
        return new Checkpoint.TimeWindow(start, end);
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
                .retryListener(this::retrying)
                .build();
        return new Prepared(new PushTarget(flow, uuid, resourceValue), endpoint, client, options);
    }

    /** A pipeline with the prepared client, target and options, and this command's progress output. */
    PushPipeline.Builder pipeline(Prepared p) {
        return PushPipeline.builder(p.client(), p.target()).options(p.options()).listener(listener());
    }

    /**
     * Runs {@code pipeline}, printing every invocation id as it arrives, then the summary, the
     * dead letters and the checkpoint committed. Shared by {@code push} and {@code run}.
     *
     * @param description what is pushed, for the first line (a manifest path, a source)
     */
    Outcome run(Prepared p, PushPipeline.Builder pipeline, String description) {
        Flow flow = p.target().flow();
        err.printf("pushing %s from %s to %s (resource %s, %s %s)%n", flow.manifestName(), description,
                p.endpoint(), p.target().resourceUuid(), flow == Flow.QUERY_LOGS ? "log_type" : "resource_type",
                p.target().resourceValue());
        err.flush();
        PushPipeline.Result result = pipeline.build().run();
        int exit = report(result);
        if (result.checkpointCommitted() != null && !result.checkpointCommitted().isEmpty()) {
            out.println(result.checkpointCommitted());
            out.flush();
        }
        return new Outcome(result, exit);
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
            public void batchSplit(int plannedBatch, int events, int status) {
                err.printf("batch %d (%d events) was refused by the gateway (HTTP %d%s): sending it in halves to "
                        + "find the events it cannot take%n", plannedBatch, events, status,
                        status == 413 ? ", too large" : "");
                err.flush();
            }
        };
    }

    private int report(PushPipeline.Result pipeline) {
        PushResult r = pipeline.push();
        Path resultFile = pipeline.resultFile();
        long twinRequests = r.batches().stream().filter(BatchRecord::tableTwins).count();
        if (r.alreadyComplete()) {
            out.printf("already pushed completely: nothing sent (%s acknowledged earlier; --again pushes anew)%n",
                    plural(r.batches().size(), "request"));
        }
        out.printf(Locale.ROOT, "%s: %,d events in %s%s, %,d bytes gzip, %d sent now; result: %s%n",
                r.complete() ? "pushed" : r.delivered() ? "pushed all but the dead letters" : "FAILED", r.events(), plural(r.batches().size(), "request"),
                twinRequests > 0 ? " (" + twinRequests + " of them table-level twins of column lineage)" : "",
                r.compressedBytes(), r.requestsSent(), resultFile);
        long duplicates = r.batches().stream().filter(BatchRecord::possibleDuplicate).count();
        if (duplicates > 0) {
            out.printf("warning: %d request(s) may have been stored twice (an answer was lost and the request resent)%n",
                    duplicates);
        }
        out.flush();
        if (r.deadLetterCount() > 0) {
            PushResult.DeadLetter first = r.deadLetters().get(0);
            err.printf("error: %s could not be sent and went to the dead-letters file %s (first: line %d: %s)%n",
                    plural(r.deadLetterCount(), "event"), pipeline.deadLetterFile(), first.line(), first.reason());
            err.printf("the other events were %s; fix the dead letters and replay them with: mcpush push %s "
                    + "--manifest %s%n", r.delivered() ? "delivered" : "not all delivered (see below)",
                    r.target().flow().cliName(), pipeline.deadLetterFile());
            err.flush();
        }
        if (!r.delivered()) {
            err.println("error: " + r.failure().getMessage());
            err.println("what was acknowledged is recorded in " + PushResultFile.ledgerFor(resultFile)
                    + "; rerun the same command to send the rest");
            err.flush();
        }
        return r.complete() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** Says what is being retried and why, once per backoff step, with the time left. */
    private void retrying(String operation, String failure, int attempt, java.time.Duration delay,
            java.time.Duration left) {
        synchronized (err) {
            err.printf(Locale.ROOT, "retrying: %s failed (%s); attempt %d, next in %.1f s, %d s left of the retry "
                    + "deadline%n", operation, failure, attempt, delay.toMillis() / 1000.0,
                    Math.max(0, left.toSeconds()));
            err.flush();
        }
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    URI endpoint(PushOptionsMixin o) {
        return gatewayEndpoint(env, o.endpoint);
    }

    /**
     * The gateway base URL: {@code flag}, else {@code MCD_INGEST_ENDPOINT}, else production;
     * {@code http://} only to this machine (exit 2 otherwise, nothing sent).
     */
    static URI gatewayEndpoint(Environment env, URI flag) {
        URI endpoint = flag;
        if (endpoint == null) {
            String fromEnv = env.get(Environment.INGEST_ENDPOINT);
            try {
                endpoint = fromEnv == null ? IngestionClient.DEFAULT_ENDPOINT : URI.create(fromEnv);
            } catch (IllegalArgumentException e) {
                throw new UsageException(Environment.INGEST_ENDPOINT + " is not a URL: " + e.getMessage());
            }
        }
        try {
            return Endpoints.requireSecure(endpoint, flag != null ? "--endpoint"
                    : env.get(Environment.INGEST_ENDPOINT) != null ? Environment.INGEST_ENDPOINT : "the gateway endpoint");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
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
