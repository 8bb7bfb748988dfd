package io.mcpush.sdk.manifest;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.json.PyJsonWriter;
import io.mcpush.sdk.model.WireEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a manifest: the header line, then one event per line in its wire shape (a metadata
 * line is the asset object itself). Gzip when the file name ends in {@code .gz}. The file is
 * written beside its final name and moved into place on {@link #close()}, so a reader never sees
 * half a manifest. Not thread-safe.
 */
public final class ManifestWriter implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private final PyJsonWriter json = new PyJsonWriter(4096);
    private long events;
    private boolean closed;

    public ManifestWriter(Path target, ManifestHeader header) {
        this.target = requireNonNull(target, "target is null").toAbsolutePath();
        requireNonNull(header, "header is null");
        try {
            Path dir = this.target.getParent();
            Files.createDirectories(dir);
            this.temp = Files.createTempFile(dir, "." + this.target.getFileName(), ".tmp");
            OutputStream raw = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
            this.out = target.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
            header.writeJson(json.reset());
            json.raw("\n");
            out.write(json.buffer(), 0, json.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write manifest " + target + ": " + e.getMessage(), e);
        }
    }

    /** The header's line as a manifest holds it (without the newline). */
    public static byte[] headerLine(ManifestHeader header) {
        PyJsonWriter w = new PyJsonWriter(512);
        requireNonNull(header, "header is null").writeJson(w);
        return w.toByteArray();
    }

    public void write(WireEvent event) {
        json.reset();
        event.writeWire(json);
        json.raw("\n");
        try {
            out.write(json.buffer(), 0, json.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write manifest " + target + ": " + e.getMessage(), e);
        }
        events++;
    }

    public long events() {
        return events;
    }

    public Path path() {
        return target;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write manifest " + target + ": " + e.getMessage(), e);
        }
    }
}
