package io.mcpush.sdk.push;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.manifest.ManifestWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.zip.GZIPInputStream;

/**
 * The dead letters of a push: events that can never be sent (too big even alone, or refused by
 * the gateway when sent alone), written as a manifest that {@code mcpush push} replays:
 * {@code <result>.dead-letters.jsonl}, line 1 the header of the pushed manifest, then each event.
 *
 * <p>From a manifest file the lines are copied verbatim: only their line numbers are kept while
 * pushing, and {@link #close()} copies those lines in one more pass over the manifest. From a
 * collection (no file to copy from) each event is written as it arrives, in its manifest-line form.
 * The file appears (atomically) only when there is at least one dead letter; an older one from an
 * earlier run of the same push is removed when this run has none, so the file always describes the
 * latest run. Thread-safe.
 */
public final class DeadLetterFile implements DeadLetterSink, AutoCloseable {
    private final Path target;
    private final Path manifest;
    private final byte[] headerLine;
    private final NavigableSet<Long> lines = new ConcurrentSkipListSet<>();
    private OutputStream direct;
    private Path temp;
    private long count;
    private boolean closed;

    private DeadLetterFile(Path target, Path manifest, byte[] headerLine) {
        this.target = requireNonNull(target, "target is null").toAbsolutePath();
        this.manifest = manifest;
        this.headerLine = headerLine;
    }

    /** {@code <result>.dead-letters.jsonl}. */
    public static Path defaultFor(Path resultFile) {
        return resultFile.resolveSibling(resultFile.getFileName() + ".dead-letters.jsonl");
    }

    /** Dead letters of a push of {@code manifest}: its header and lines copied verbatim. */
    public static DeadLetterFile forManifest(Path target, Path manifest) {
        return new DeadLetterFile(target, requireNonNull(manifest, "manifest is null"), null);
    }

    /** Dead letters of a push of events that exist in no file: written under {@code header}. */
    public static DeadLetterFile forEvents(Path target, ManifestHeader header) {
        requireNonNull(header, "header is null");
        return new DeadLetterFile(target, null, ManifestWriter.headerLine(header));
    }

    public Path path() {
        return target;
    }

    /** Dead letters recorded so far. */
    public synchronized long count() {
        return count;
    }

    @Override
    public synchronized void add(long line, byte[] event, String reason) {
        if (closed) {
            throw new IllegalStateException("the dead-letter file " + target + " is closed");
        }
        if (manifest != null) {
            if (lines.add(line)) {
                count++;
            }
            return;
        }
        try {
            if (direct == null) {
                Files.createDirectories(target.getParent());
                temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                direct = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
                direct.write(headerLine);
                direct.write('\n');
            }
            direct.write(event);
            direct.write('\n');
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dead letters to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts the file in place (or removes an old one when there was no dead letter). Only after
     * this returned are the dead letters safely on disk.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (count == 0) {
                Files.deleteIfExists(target);
                return;
            }
            if (manifest != null) {
                Files.createDirectories(target.getParent());
                temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                    copyLines(out);
                }
            } else {
                direct.close();
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dead letters to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Line 1 and the recorded lines of the manifest, byte for byte. */
    private void copyLines(OutputStream out) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(manifest), 1 << 16);
        if (manifest.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        try (InputStream stream = in) {
            long line = 1;
            boolean keep = true; // the header
            int b;
            while ((b = stream.read()) >= 0) {
                if (keep) {
                    out.write(b);
                }
                if (b == '\n') {
                    line++;
                    keep = lines.contains(line);
                    if (line > lines.last()) {
                        break;
                    }
                }
            }
            if (keep) {
                out.write('\n'); // the last line had no newline of its own
            }
        }
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
