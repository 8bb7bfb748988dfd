package io.mcpush.sdk.pipeline;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.McpushException;
import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.manifest.ManifestTee;
import io.mcpush.sdk.model.WireEvent;
import io.mcpush.sdk.push.DeadLetterFile;
import io.mcpush.sdk.push.EventSource;
import io.mcpush.sdk.push.IngestionClient;
import io.mcpush.sdk.push.PushListener;
import io.mcpush.sdk.push.PushOptions;
import io.mcpush.sdk.push.PushResult;
import io.mcpush.sdk.push.PushResultFile;
import io.mcpush.sdk.push.PushTarget;
import io.mcpush.sdk.push.Pusher;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The whole push of one collection or manifest, as {@code mcpush run}, {@code push},
 * {@code collect} and {@code demo} do it, for JVM pipelines to embed:
 * <ol>
 *   <li>events from a manifest file ({@link Builder#manifest}) or straight from a collection
 *       ({@link Builder#events}), the latter optionally copied to a manifest as they pass
 *       ({@link Builder#tee});</li>
 *   <li>pushed in size-bounded batches with retries, every acknowledged request recorded in a
 *       ledger beside the result file so that a rerun resumes;</li>
 *   <li>events that can never be sent written to {@code <result>.dead-letters.jsonl};</li>
 *   <li>the result file written ({@code <result>}: every invocation id, per batch);</li>
 *   <li>the {@link Checkpoint} committed to its {@link CheckpointStore} once the push was
 *       delivered (every event acknowledged or safely in the dead letters), never otherwise;</li>
 *   <li>a delivered push recorded in the {@link PushHistory}, when one is given.</li>
 * </ol>
 * Without a client it only collects: the events go to the tee and nothing is sent. One pipeline
 * runs once; build another for the next push. Not thread-safe.
 */
public final class PushPipeline {
    private final Builder b;

    private PushPipeline(Builder b) {
        this.b = b;
    }

    /** A pipeline that pushes with {@code client} to {@code target}. */
    public static Builder builder(IngestionClient client, PushTarget target) {
        return new Builder(requireNonNull(client, "client is null"), requireNonNull(target, "target is null"));
    }

    /** A pipeline that only collects into its {@link Builder#tee}: nothing is sent. */
    public static Builder collectOnly() {
        return new Builder(null, null);
    }

    /** Settings of one pipeline. Not thread-safe. */
    public static final class Builder {
        private final IngestionClient client;
        private final PushTarget target;
        private PushOptions options;
        private EventSource source;
        private Path manifest;
        private boolean allowAnyLogType;
        private Supplier<? extends WireEvent> events;
        private String eventsName = "events";
        private ManifestHeader eventsHeader;
        private Path teeFile;
        private Supplier<ManifestHeader> finalHeader;
        private Path resultFile;
        private boolean again;
        private PushListener listener = PushListener.NONE;
        private Supplier<Checkpoint> checkpoint = () -> Checkpoint.NONE;
        private CheckpointStore checkpointStore = CheckpointStore.NONE;
        private Supplier<Map<String, Object>> resultExtras = Map::of;
        private java.util.function.UnaryOperator<WireEvent> transform;
        private PushHistory history;
        private java.time.Instant collectedAt;

        private Builder(IngestionClient client, PushTarget target) {
            this.client = client;
            this.target = target;
            this.options = target == null ? null : PushOptions.defaults(target.flow());
        }

        /** Batching and concurrency (default: {@link PushOptions#defaults} of the target's flow). */
        public Builder options(PushOptions value) {
            this.options = requireNonNull(value, "options is null");
            return this;
        }

        /**
         * Push a manifest file: validated completely before the first request (a bad line throws
         * {@link io.mcpush.sdk.manifest.ManifestException}, nothing sent); dead letters are copied
         * from it verbatim.
         *
         * @param allowAnyLogType accept a query-log header whose log_type Monte Carlo does not
         *     take (the target names another)
         */
        public Builder manifest(Path file, boolean allowAnyLogType) {
            this.manifest = requireNonNull(file, "file is null");
            this.allowAnyLogType = allowAnyLogType;
            this.source = EventSource.manifest(file, allowAnyLogType);
            return this;
        }

        /**
         * Push events as a collection produces them, read once (null ends them). They were built
         * through the wire records, so there is no validation pass. {@code header} describes them
         * (it heads the dead letters and the tee).
         */
        public Builder events(String name, ManifestHeader header, Supplier<? extends WireEvent> next) {
            this.events = requireNonNull(next, "next is null");
            this.eventsName = requireNonNull(name, "name is null");
            this.eventsHeader = requireNonNull(header, "header is null");
            return this;
        }

        /**
         * Also write the events to a manifest as they pass; {@code finalHeader} gives its header
         * once the collection ended (warnings, positions reached). After a failed push the rest of
         * the collection is still read into it, so that the manifest can be pushed to finish.
         */
        public Builder tee(Path file, Supplier<ManifestHeader> finalHeader) {
            this.teeFile = requireNonNull(file, "file is null");
            this.finalHeader = requireNonNull(finalHeader, "finalHeader is null");
            return this;
        }

        /** The result file; the ledger ({@code <result>.ledger}) and dead letters go beside it. */
        public Builder resultFile(Path value) {
            this.resultFile = requireNonNull(value, "resultFile is null");
            return this;
        }

        /** Push everything anew even when the ledger says it was pushed. */
        public Builder again(boolean value) {
            this.again = value;
            return this;
        }

        public Builder listener(PushListener value) {
            this.listener = requireNonNull(value, "listener is null");
            return this;
        }

        /**
         * What to commit after a delivered push, asked for only then (a log-file source knows its
         * positions once its stream ended), and where.
         */
        public Builder checkpoint(Supplier<Checkpoint> value, CheckpointStore store) {
            this.checkpoint = requireNonNull(value, "checkpoint is null");
            this.checkpointStore = requireNonNull(store, "store is null");
            return this;
        }

        /**
         * Changes every event before it is written, sent or put in the dead letters (e.g. query
         * text redaction). A manifest is then no longer sent line by line as it is: its dead
         * letters are the changed events, under the manifest's header.
         */
        public Builder transform(java.util.function.UnaryOperator<WireEvent> value) {
            this.transform = requireNonNull(value, "transform is null");
            return this;
        }

        /**
         * Record a delivered push in {@code history}, as a sample of the collection made at
         * {@code collectedAt} (null: unknown, the push time stands in).
         */
        public Builder history(PushHistory value, java.time.Instant collectedAt) {
            this.history = requireNonNull(value, "history is null");
            this.collectedAt = collectedAt;
            return this;
        }

        /** More keys for the result file (e.g. the source and its warnings), asked for after the push. */
        public Builder resultExtras(Supplier<Map<String, Object>> value) {
            this.resultExtras = requireNonNull(value, "resultExtras is null");
            return this;
        }

        public PushPipeline build() {
            if ((source == null) == (events == null)) {
                throw new IllegalStateException("give either a manifest or events");
            }
            if (client == null && (teeFile == null || events == null)) {
                throw new IllegalStateException("a pipeline without a client collects events into a tee");
            }
            if (client != null && resultFile == null) {
                resultFile = manifest != null ? PushResultFile.defaultFor(manifest)
                        : teeFile != null ? PushResultFile.defaultFor(teeFile) : null;
                if (resultFile == null) {
                    throw new IllegalStateException("a pipeline over events without a tee needs a resultFile");
                }
            }
            return new PushPipeline(this);
        }
    }

    /**
     * What the pipeline did. {@code push} is null for a collect-only pipeline;
     * {@code deadLetterFile} is null when there was no dead letter; {@code checkpointCommitted}
     * says what the checkpoint store did, or is null when nothing was committed.
     */
    public record Result(PushResult push, Path resultFile, Path deadLetterFile, Path manifest, long manifestEvents,
            String checkpointCommitted) {
        /** Every event acknowledged. */
        public boolean complete() {
            return push == null || push.complete();
        }
    }

    /**
     * Runs the pipeline.
     *
     * @throws io.mcpush.sdk.manifest.ManifestException for a bad manifest (nothing was sent)
     * @throws McpushException when the source fails while it is read; what was pushed until then
     *     is in the ledger
     */
    public Result run() {
        ManifestTee tee = b.teeFile == null ? null : new ManifestTee(b.teeFile, b.eventsHeader);
        try {
            Supplier<? extends WireEvent> events = b.events;
            if (events != null && b.transform != null) {
                Supplier<? extends WireEvent> raw = b.events;
                events = () -> {
                    WireEvent e = raw.get();
                    return e == null ? null : b.transform.apply(e);
                };
            }
            Collected collected = events == null ? null : new Collected(b.eventsName, events, tee);
            if (b.client == null) {
                collected.drain();
                tee.commit(b.finalHeader.get());
                return new Result(null, null, null, tee.target(), tee.events(), null);
            }
            EventSource source = collected != null ? collected
                    : b.transform != null ? EventSource.mapped(b.source, b.transform) : b.source;
            Path deadLetterPath = DeadLetterFile.defaultFor(b.resultFile);
            DeadLetterFile deadLetters = b.manifest != null && b.transform == null
                    ? DeadLetterFile.forManifest(deadLetterPath, b.manifest)
                    : DeadLetterFile.forEvents(deadLetterPath, b.eventsHeader != null ? b.eventsHeader
                            : manifestHeader(b.manifest, b.allowAnyLogType));
            PushResult pushed = new Pusher(b.client, b.options).push(b.target, source,
                    PushResultFile.ledgerFor(b.resultFile), b.again, b.listener, deadLetters);
            if (tee != null) {
                if (!pushed.delivered()) {
                    collected.drain(); // the manifest is complete, so `push` can send what is missing
                }
                tee.commit(b.finalHeader.get());
            }
            boolean deadLettersOnDisk;
            try {
                deadLetters.close();
                deadLettersOnDisk = true;
            } catch (UncheckedIOException e) {
                deadLettersOnDisk = false;
                pushed = new PushResult(pushed.target(), pushed.events(), pushed.batches(), pushed.invocationIds(),
                        pushed.requestsSent(), new McpushException(e.getMessage(), e), pushed.startedAt(),
                        pushed.finishedAt(), pushed.deadLetterCount(), pushed.deadLetters());
            }
            String committed = null;
            if (pushed.delivered() && deadLettersOnDisk) {
                Checkpoint point = b.checkpoint.get();
                if (!(point instanceof Checkpoint.None)) {
                    committed = b.checkpointStore.commit(point);
                }
            }
            if (b.history != null && pushed.delivered() && deadLettersOnDisk) {
                b.history.record(pushed, b.collectedAt, b.manifest != null ? b.manifest.toString()
                        : tee != null ? tee.target().toString() : null);
            }
            Map<String, Object> extras = new LinkedHashMap<>(b.resultExtras.get());
            if (pushed.deadLetterCount() > 0) {
                extras.put("dead_letters_file", deadLetterPath.toString());
            }
            if (committed != null && !committed.isEmpty()) {
                extras.put("checkpoint", committed);
            }
            PushResultFile.write(b.resultFile, pushed, b.manifest != null ? b.manifest.toString()
                    : tee != null ? tee.target().toString() : null, extras);
            return new Result(pushed, b.resultFile, pushed.deadLetterCount() > 0 ? deadLetterPath : null,
                    tee != null ? tee.target() : b.manifest, tee != null ? tee.events() : -1, committed);
        } finally {
            if (tee != null) {
                tee.abort(); // no-op after a commit
            }
        }
    }

    private static ManifestHeader manifestHeader(Path manifest, boolean allowAnyLogType) {
        try (io.mcpush.sdk.manifest.ManifestReader reader = io.mcpush.sdk.manifest.ManifestReader.open(manifest,
                allowAnyLogType)) {
            return reader.header();
        }
    }

    /**
     * A collection as an {@link EventSource} the pusher reads once ({@link #trusted()}: no
     * validation pass, the warehouse is read a single time), each event also going to the tee.
     */
    private static final class Collected implements EventSource {
        private final String name;
        private final Supplier<? extends WireEvent> next;
        private final ManifestTee tee;
        private boolean opened;
        private boolean exhausted;
        private long line;

        Collected(String name, Supplier<? extends WireEvent> next, ManifestTee tee) {
            this.name = name;
            this.next = next;
            this.tee = tee;
        }

        @Override
        public Stream open() {
            if (opened) {
                throw new IllegalStateException(name + " is a single pass over the source and was read already");
            }
            opened = true;
            return new Stream() {
                @Override
                public ManifestEvent next() {
                    return Collected.this.read();
                }

                @Override
                public void close() {
                    // the collection stays open: after a failed push the rest still goes into the tee
                }
            };
        }

        private ManifestEvent read() {
            if (exhausted) {
                return null;
            }
            WireEvent e = next.get();
            if (e == null) {
                exhausted = true;
                return null;
            }
            if (tee != null) {
                tee.write(e);
            }
            return new ManifestEvent(++line, e);
        }

        void drain() {
            while (read() != null) {
                // each event goes to the tee
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean trusted() {
            return true;
        }
    }
}
