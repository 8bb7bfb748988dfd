package io.mcpush.sdk.manifest;

import io.mcpush.sdk.model.WireEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A manifest being written while its events stream past (the {@code collect} output, or the
 * {@code --out} copy of a {@code run}). It appears under its name only when {@link #commit} is
 * called after a complete collection; a failed one leaves nothing behind ({@link #abort}). What
 * the header says at the end (warnings, the log positions reached) is known only then, so when it
 * differs from the first header the file is written anew with it. Not thread-safe.
 */
public final class ManifestTee implements AutoCloseable {
    private final Path target;
    private final Path partial;
    private final ManifestWriter writer;
    private final ManifestHeader header;
    private boolean done;

    public ManifestTee(Path target, ManifestHeader header) {
        this.header = header;
        this.target = target.toAbsolutePath();
        String name = this.target.getFileName().toString();
        this.partial = this.target.resolveSibling("." + name + ".partial" + (name.endsWith(".gz") ? ".gz" : ""));
        this.writer = new ManifestWriter(partial, header);
    }

    public void write(WireEvent event) {
        writer.write(event);
    }

    public long events() {
        return writer.events();
    }

    public Path target() {
        return target;
    }

    /** The header the manifest was started with. */
    public ManifestHeader header() {
        return header;
    }

    /**
     * Puts the manifest in place under {@code last}, its final header, written anew when it
     * differs from the first (warnings, a log-file source's positions).
     */
    public void commit(ManifestHeader last) {
        done = true;
        writer.close();
        try {
            if (last.equals(header)) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            try (ManifestReader reader = ManifestReader.open(partial, true);
                    ManifestWriter rewritten = new ManifestWriter(target, last)) {
                ManifestEvent e;
                while ((e = reader.next()) != null) {
                    rewritten.write(e.event());
                }
            }
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write manifest " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes what was written. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            writer.close();
        } catch (RuntimeException ignored) {
            // the partial file is deleted below either way
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // a dot-file left behind is harmless and is replaced by the next collection
        }
    }

    @Override
    public void close() {
        abort();
    }
}
