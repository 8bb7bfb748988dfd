package io.mcpush.sdk.push;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.EventType;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.McpushException;
import io.mcpush.sdk.json.PyJsonWriter;
import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestException;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.WireEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pushes a stream of events in size-bounded batches with bounded concurrency, recording every
 * acknowledged request in a ledger so a rerun resumes.
 *
 * <p>Two passes over the source: the first validates every event (and that no event alone is
 * over the size cap) and sends nothing, so a bad line stops the push before any request; the
 * second serialises, batches and sends. Memory holds at most {@code concurrency + 1} batches per
 * request type, never the whole source. After a request fails for good no new batch is started;
 * requests in flight finish and are recorded.
 *
 * <p>Thread-safe: each {@link #push} call uses its own threads and state.
 */
public final class Pusher {
    private final IngestionClient client;
    private final PushOptions options;

    public Pusher(IngestionClient client, PushOptions options) {
        this.client = requireNonNull(client, "client is null");
        this.options = requireNonNull(options, "options is null");
    }

    /** Pushes without a ledger (nothing to resume from). */
    public PushResult push(PushTarget target, EventSource source, Path ledgerFile) {
        return push(target, source, ledgerFile, false, PushListener.NONE);
    }

    /**
     * @param ledgerFile where acknowledged requests are recorded; null for none
     * @param again      forget the ledger and push everything anew
     * @throws ManifestException when the source has a bad event (nothing was sent)
     */
    public PushResult push(PushTarget target, EventSource source, Path ledgerFile, boolean again,
            PushListener listener) {
        return push(target, source, ledgerFile, again, listener, null);
    }

    /**
     * Pushes {@code source}. Events that can never be sent (too big for a request even alone, or
     * refused with HTTP 400/413 when sent alone; a refused batch is bisected to find them) go to
     * {@code deadLetters} and the rest is pushed; the result counts them. Without a sink they are
     * still counted, and the push is not complete.
     *
     * @param ledgerFile  where acknowledged requests are recorded; null for none
     * @param again       forget the ledger and push everything anew
     * @param deadLetters where events that can never be sent go; null to keep only their count
     * @throws ManifestException when the source has a bad event (nothing was sent)
     */
    public PushResult push(PushTarget target, EventSource source, Path ledgerFile, boolean again,
            PushListener listener, DeadLetterSink deadLetters) {
        requireNonNull(target, "target is null");
        requireNonNull(source, "source is null");
        requireNonNull(listener, "listener is null");
        Instant started = Instant.now();
        Map<EventType, byte[]> prefixes = prefixes(target);
        Validation validation = new Validation(-1, false, new TreeMap<>());
        if (!source.trusted()) {
            validation = validate(target.flow(), source, prefixes);
            listener.validated(validation.events());
        }
        try (PushLedger ledger = ledgerFile == null ? PushLedger.none() : PushLedger.open(ledgerFile, again)) {
            return new Run(target, prefixes, ledger, listener, started, validation, deadLetters).execute(source);
        }
    }

    private static Map<EventType, byte[]> prefixes(PushTarget target) {
        Map<EventType, byte[]> prefixes = new EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) {
            if (t.flow() == target.flow()) {
                PyJsonWriter w = new PyJsonWriter(128);
                t.writePrefix(w, target.resourceUuid(), target.resourceValue());
                prefixes.put(t, w.toByteArray());
            }
        }
        return prefixes;
    }

    private static EventType typeOf(Flow flow, WireEvent event) {
        return switch (flow) {
            case METADATA -> EventType.METADATA;
            case QUERY_LOGS -> EventType.QUERY_LOG;
            case LINEAGE -> ((LineageEvent) event).hasColumnLineage() ? EventType.COLUMN_LINEAGE : EventType.LINEAGE;
        };
    }

    /**
     * What the validation pass found: the event count, whether every line is already the exact
     * wire form of its event (true of every manifest mcpush writes), so that the sending pass can
     * take the lines as they are instead of parsing them again, and the lines too big to send
     * even alone (dead letters from the start), with the reason.
     */
    private record Validation(long events, boolean canonical, NavigableMap<Long, String> tooBig) {
    }

    /** Pass 1: every event must parse; one that does not fit in a request on its own is noted. */
    private Validation validate(Flow flow, EventSource source, Map<EventType, byte[]> prefixes) {
        long count = 0;
        NavigableMap<Long, String> tooBig = new TreeMap<>();
        boolean canonical = flow != Flow.LINEAGE; // lineage is parsed again anyway: it is split by kind
        PyJsonWriter w = new PyJsonWriter(4096);
        try (EventSource.Stream stream = source.open()) {
            ManifestEvent e;
            while ((e = stream.next()) != null) {
                count++;
                if (canonical) {
                    w.reset();
                    e.event().writeWire(w);
                    canonical = stream.lastTextEquals(w.buffer(), w.size());
                }
                String problem = tooBigAlone(e, typeOf(flow, e.event()), prefixes.get(typeOf(flow, e.event())), w);
                if (problem != null) {
                    tooBig.put(e.line(), problem);
                }
            }
        }
        return new Validation(count, canonical, tooBig);
    }

    /**
     * Why the event cannot be pushed even in a request of its own (over the compressed-size cap),
     * or null when it fits.
     */
    private String tooBigAlone(ManifestEvent e, EventType type, byte[] prefix, PyJsonWriter w) {
        if (e.textLength() >= 0 && CompressedSize.GZIP_FRAMING + CompressedSize.bound(
                prefix.length + 6L * e.textLength() + 64) <= options.maxCompressedBytes()) {
            // the wire form escapes each UTF-16 unit to at most 6 bytes: far under the cap
            return null;
        }
        w.reset().raw(prefix);
        type.writeEvent(w, e.event());
        EventType.writeSuffix(w);
        if (CompressedSize.GZIP_FRAMING + CompressedSize.bound(w.size()) > options.maxCompressedBytes()) {
            long size = CompressedSize.gzipSize(w.buffer(), w.size());
            if (size > options.maxCompressedBytes()) {
                return e.event().identity() + " is " + size + " bytes gzip-compressed in a request of its own, over "
                        + "the limit of " + options.maxCompressedBytes() + " bytes";
            }
        }
        return null;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The state of one push. */
    private final class Run {
        private final PushTarget target;
        private final Map<EventType, byte[]> prefixes;
        private final PushLedger ledger;
        private final PushListener listener;
        private final Instant started;
        private final Validation validation;
        private final DeadLetterSink deadLetterSink;
        private final ConcurrentLinkedQueue<PushResult.DeadLetter> deadLetters = new ConcurrentLinkedQueue<>();
        private final AtomicLong deadLetterCount = new AtomicLong();
        private final ConcurrentLinkedQueue<BatchRecord> records = new ConcurrentLinkedQueue<>();
        private final AtomicReference<McpushException> failure = new AtomicReference<>();
        private final AtomicInteger sent = new AtomicInteger();
        private final Semaphore inFlight = new Semaphore(options.concurrency());
        private final ExecutorService workers;
        private int nextBatch;

        Run(PushTarget target, Map<EventType, byte[]> prefixes, PushLedger ledger, PushListener listener,
                Instant started, Validation validation, DeadLetterSink deadLetterSink) {
            this.deadLetterSink = deadLetterSink;
            this.target = target;
            this.prefixes = prefixes;
            this.ledger = ledger;
            this.listener = listener;
            this.started = started;
            this.validation = validation;
            AtomicInteger n = new AtomicInteger();
            this.workers = Executors.newFixedThreadPool(options.concurrency(), r -> {
                Thread t = new Thread(r, "mcpush-push-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        PushResult execute(EventSource source) {
            Map<EventType, BatchBuilder> builders = new EnumMap<>(EventType.class);
            prefixes.forEach((type, prefix) -> builders.put(type,
                    new BatchBuilder(type, prefix, options.maxEvents(), options.maxCompressedBytes())));
            PyJsonWriter w = new PyJsonWriter(4096);
            long read = 0;
            try (EventSource.Stream stream = source.open()) {
                if (validation.canonical()) {
                    read = sendText(stream, builders);
                }
                ManifestEvent e;
                while (!validation.canonical() && failure.get() == null && (e = stream.next()) != null) {
                    read++;
                    EventType type = typeOf(target.flow(), e.event());
                    String tooBig = source.trusted() ? tooBigAlone(e, type, prefixes.get(type), check)
                            : validation.tooBig().get(e.line());
                    if (tooBig != null) {
                        w.reset();
                        e.event().writeWire(w);
                        deadLetter(e.line(), type, w.toByteArray(), tooBig);
                        continue;
                    }
                    add(builders.get(type), serialise(w, type, e.event()), e.line(), false);
                    if (type == EventType.COLUMN_LINEAGE && options.tableTwins()) {
                        LineageEvent twin = ((LineageEvent) e.event()).tableLevel();
                        add(builders.get(EventType.LINEAGE), serialise(w, EventType.LINEAGE, twin), e.line(), true);
                    }
                }
                for (BatchBuilder b : builders.values()) {
                    if (!b.isEmpty() && failure.get() == null) {
                        submit(b.seal(nextBatch++));
                    }
                }
                if (failure.get() == null && validation.events() >= 0 && read != validation.events()) {
                    throw new McpushException(source.name() + " changed while it was pushed: " + validation.events()
                            + " events when validated, " + read + " when sent; push it again with --again");
                }
            } catch (McpushException ex) {
                failure.compareAndSet(null, ex);
            } finally {
                workers.shutdown();
                try {
                    while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                        // requests still in flight; their timeouts and deadline bound this wait
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    workers.shutdownNow();
                }
            }
            List<BatchRecord> sorted = new ArrayList<>(records);
            sorted.sort(Comparator.comparingInt(BatchRecord::plannedBatch).thenComparingInt(BatchRecord::from));
            List<String> ids = new ArrayList<>();
            for (BatchRecord r : sorted) {
                if (r.invocationId() != null && r.acknowledged()) {
                    ids.add(r.invocationId());
                }
            }
            List<PushResult.DeadLetter> dead = new ArrayList<>(deadLetters);
            dead.sort(Comparator.comparingLong(PushResult.DeadLetter::line));
            return new PushResult(target, validation.events() >= 0 ? validation.events() : read, sorted, ids,
                    sent.get(), failure.get(), started, Instant.now(), deadLetterCount.get(), dead);
        }

        private static final byte[] WRAP_START = "{\"relational_asset\": ".getBytes(StandardCharsets.US_ASCII);

        /** Sends lines as they are: the validation pass proved each is its event's wire form. */
        private long sendText(EventSource.Stream stream, Map<EventType, BatchBuilder> builders) {
            EventType type = target.flow() == Flow.METADATA ? EventType.METADATA : EventType.QUERY_LOG;
            BatchBuilder builder = builders.get(type);
            long read = 0;
            byte[] text;
            while (failure.get() == null && (text = stream.nextText()) != null) {
                read++;
                String tooBig = validation.tooBig().get(stream.textLine());
                if (tooBig != null) {
                    deadLetter(stream.textLine(), type, text, tooBig);
                    continue;
                }
                byte[] event = text;
                if (type == EventType.METADATA) {
                    event = new byte[WRAP_START.length + text.length + 1];
                    System.arraycopy(WRAP_START, 0, event, 0, WRAP_START.length);
                    System.arraycopy(text, 0, event, WRAP_START.length, text.length);
                    event[event.length - 1] = '}';
                }
                add(builder, event, stream.textLine(), false);
            }
            return read;
        }

        private final PyJsonWriter check = new PyJsonWriter(4096);

        /** Keeps an event that can never be sent: to the sink, counted, and a sample for messages. */
        private void deadLetter(long line, EventType type, byte[] manifestLine, String reason) {
            if (deadLetterSink != null) {
                deadLetterSink.add(line, manifestLine, reason);
            }
            if (deadLetterCount.incrementAndGet() <= PushResult.DEAD_LETTER_SAMPLE) {
                deadLetters.add(new PushResult.DeadLetter(line, type, reason));
            }
            listener.deadLetter(line, reason);
        }

        private byte[] serialise(PyJsonWriter w, EventType type, WireEvent event) {
            w.reset();
            type.writeEvent(w, event);
            return w.toByteArray();
        }

        private void add(BatchBuilder builder, byte[] event, long line, boolean twin) {
            if (!builder.tryAdd(event, line, twin)) {
                submit(builder.seal(nextBatch++));
                builder.tryAdd(event, line, twin);
            }
        }

        private void submit(BatchBuilder.Batch batch) {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new McpushException("push interrupted");
            }
            if (failure.get() != null) {
                inFlight.release();
                return;
            }
            workers.execute(() -> {
                try {
                    process(batch);
                } catch (McpushException e) {
                    failure.compareAndSet(null, e);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, new McpushException("batch " + batch.index() + " failed: " + e, e));
                } finally {
                    inFlight.release();
                }
            });
        }

        private void process(BatchBuilder.Batch batch) {
            String batchHash = sha256(batch.body());
            boolean[] covered = new boolean[batch.size()];
            for (PushLedger.Ack ack : ledger.acknowledged(batch.index(), batchHash)) {
                if (ack.from() < 0 || ack.to() > batch.size() || ack.from() >= ack.to()) {
                    continue;
                }
                for (int i = ack.from(); i < ack.to(); i++) {
                    covered[i] = true;
                }
                done(new BatchRecord(batch.index(), ack.from(), ack.to(), batch.type(), ack.firstLine(),
                        ack.lastLine(), ack.compressedBytes(), ack.contentHash(), ack.invocationId(), BatchRecord.RESUMED, 0,
                        ack.possibleDuplicate(), twins(batch, ack.from(), ack.to()), null));
            }
            int i = 0;
            while (i < covered.length) {
                if (covered[i]) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < covered.length && !covered[j]) {
                    j++;
                }
                send(batch, batchHash, i, j);
                i = j;
            }
        }

        private boolean twins(BatchBuilder.Batch batch, int from, int to) {
            for (int i = from; i < to; i++) {
                if (batch.twins()[i]) {
                    return true;
                }
            }
            return false;
        }

        private void done(BatchRecord record) {
            records.add(record);
            listener.batchDone(record);
        }

        private void send(BatchBuilder.Batch batch, String batchHash, int from, int to) {
            if (failure.get() != null) {
                return;
            }
            boolean whole = from == 0 && to == batch.size();
            byte[] body = batch.part(from, to);
            String hash = whole ? batchHash : sha256(body);
            long compressed = whole && batch.compressedBytes() >= 0 ? batch.compressedBytes()
                    : CompressedSize.gzipSize(body, body.length);
            long firstLine = batch.lines()[from];
            long lastLine = batch.lines()[to - 1];
            boolean resentAfterCrash = ledger.hadIntent(batch.index(), batchHash, from, to);
            ledger.intent(batch.index(), batchHash, from, to, hash);
            IngestionClient.SendResult result;
            try {
                result = client.send(batch.type(), body);
            } catch (IngestionException e) {
                if (e.contentRejected() && to - from > 1) {
                    // a 400 may come from one bad event, a 413 from the gateway's own size limit:
                    // halves are sent until each refusal is down to events that fail alone
                    listener.batchSplit(batch.index(), to - from, e.status());
                    int mid = from + (to - from) / 2;
                    send(batch, batchHash, from, mid);
                    send(batch, batchHash, mid, to);
                    return;
                }
                if (e.contentRejected()) {
                    String reason = e.status() == 413
                            ? "the gateway refused it as too large (HTTP 413) although it is " + compressed
                                    + " bytes compressed alone"
                            : "the gateway refused it sent alone (HTTP " + e.status() + ")"
                                    + (e.bodyExcerpt().isEmpty() ? "" : ": " + e.bodyExcerpt());
                    records.add(new BatchRecord(batch.index(), from, to, batch.type(), firstLine, lastLine, compressed,
                            hash, null, BatchRecord.DEAD_LETTER, e.attempts(), false, twins(batch, from, to), reason));
                    deadLetter(firstLine, batch.type(), batch.manifestLine(from), reason);
                    return;
                }
                records.add(new BatchRecord(batch.index(), from, to, batch.type(), firstLine, lastLine, compressed,
                        hash, null, BatchRecord.FAILED, e.attempts(), e.possibleDuplicate(), twins(batch, from, to),
                        e.getMessage()));
                failure.compareAndSet(null, e);
                return;
            }
            sent.incrementAndGet();
            BatchRecord record = new BatchRecord(batch.index(), from, to, batch.type(), firstLine, lastLine,
                    compressed, hash, result.invocationId(), BatchRecord.ACKNOWLEDGED, result.attempts(),
                    result.possibleDuplicate() || resentAfterCrash, twins(batch, from, to), null);
            ledger.acknowledged(batch.index(), batchHash, batch.type(), record);
            done(record);
        }
    }
}
