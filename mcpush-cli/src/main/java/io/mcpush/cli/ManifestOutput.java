package io.mcpush.cli;

import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.manifest.ManifestWriter;
import io.mcpush.sdk.model.WireEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Function;

/**
 * A manifest being collected. It appears under its name only when {@link #commit} is called
 * after a complete collection; a failed one leaves nothing behind ({@link #abort}). Warnings are
 * known only at the end, so when there are some the header is written anew with them.
 */
final class ManifestOutput implements AutoCloseable {
    private final Path target;
    private final Path partial;
    private final ManifestWriter writer;
    private final ManifestHeader header;
    private boolean done;

    ManifestOutput(Path target, ManifestHeader header) {
        this.header = header;
        this.target = target.toAbsolutePath();
        String name = this.target.getFileName().toString();
        this.partial = this.target.resolveSibling("." + name + ".partial" + (name.endsWith(".gz") ? ".gz" : ""));
        this.writer = new ManifestWriter(partial, header);
    }

    void write(WireEvent event) {
        writer.write(event);
    }

    long events() {
        return writer.events();
    }

    Path target() {
        return target;
    }

    /**
     * Puts the manifest in place; {@code withWarnings} gives the final header, written anew when it
     * differs from the first (warnings, a log-file source's positions).
     */
    void commit(List<String> warnings, Function<List<String>, ManifestHeader> withWarnings) {
        done = true;
        writer.close();
        try {
            ManifestHeader last = withWarnings.apply(warnings);
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
    void abort() {
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
