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
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes one manifest the way {@code push} (and later {@code run}) does: everything that can be
 * wrong with the input is checked before the first request (exit 2), every invocation id is
 * printed as it arrives, and the result file and its ledger are written beside the manifest.
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

    /** Settings of one push beyond the shared options. */
    record Request(Flow flow, Path manifest, Path result, String logType, boolean again) {
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
        Environment.IngestKey key = env.ingestKey(o.ingestKeyFile);
        String uuid = firstNonNull(o.resourceUuid, env.get(Environment.RESOURCE_UUID), header.resourceUuid());
        if (uuid == null) {
            throw new UsageException("no resource UUID: pass --resource-uuid, set " + Environment.RESOURCE_UUID
                    + " or put resource_uuid in the manifest header (find it with: mcpush resources)");
        }
        URI endpoint = endpoint(o);
        String resourceValue = overrideLogType ? request.logType() : header.resourceValue();
        Path result = request.result() != null ? request.result() : PushResultFile.defaultFor(manifest);

        PushOptions options;
        try {
            options = PushOptions.defaults(request.flow())
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
        PushTarget target = new PushTarget(request.flow(), uuid, resourceValue);
        err.printf("pushing %s from %s to %s (resource %s, %s %s)%n", request.flow().manifestName(), manifest,
                endpoint, uuid, request.flow() == Flow.QUERY_LOGS ? "log_type" : "resource_type", resourceValue);
        err.flush();
        AtomicLong acknowledged = new AtomicLong();
        PushListener listener = new PushListener() {
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
                if (total > 0 && !b.tableTwins()) {
                    err.printf("progress: %,d / %,d events (%.0f%%)%n", done, total, 100.0 * done / total);
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
        PushResult pushed = new io.mcpush.sdk.push.Pusher(client, options)
                .push(target, EventSource.manifest(manifest, overrideLogType), PushResultFile.ledgerFor(result),
                        request.again(), listener);
        PushResultFile.write(result, pushed, manifest.toString());
        return report(pushed, result);
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
