package io.mcpush.source.logfile;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the entries of server log files from where the previous committed run stopped
 * (DESIGN.md, "Watermarks"), with a {@link LogEntryParser} for the format, and reports the new
 * {@link LogPositions} at the end. Files are read in the order given (see {@link LogFiles}) with
 * a buffer, line by line: lines end at {@code \n} (a {@code \r} before it is dropped), are decoded
 * as UTF-8 with malformed bytes replaced, and a last line without its {@code \n} yet is left for
 * the next run. Memory is bounded by the longest entry, whatever the file sizes.
 *
 * <p>A file is recognised by its identity: the file system's key (inode and device) where there
 * is one, plus the SHA-256 of its first bytes and of the bytes just before its offset (which
 * appending never changes). The same file, at least as long as its offset,
 * resumes at the offset, also under a new name (rename rotation); a different file under a known
 * name, or a file shorter than its offset (copy-truncate rotation), is read from its start. Files
 * ending in {@code .gz} are read decompressed, and only past the part already read when they are
 * a rotated file read earlier while plain. Not thread-safe.
 *
 * @param <E> what the parser makes of an entry
 */
public final class LogFileReader<E> implements AutoCloseable {
    /** How many leading bytes fingerprint a file. */
    public static final int FINGERPRINT_BYTES = 256;
    private static final Logger LOG = LoggerFactory.getLogger(LogFileReader.class);
    private static final int BUFFER = 64 * 1024;

    private final List<Path> files;
    private final List<FilePosition> previousPositions;
    private final LogEntryParser<E> parser;
    private final Consumer<String> warn;
    private final ArrayDeque<E> ready = new ArrayDeque<>();
    private final Consumer<E> sink = ready::add;
    private final List<FilePosition> reached = new ArrayList<>();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);

    private int nextFile;
    private Open current;
    private boolean done;
    private byte[] line = new byte[1024];

    /**
     * @param previous the positions committed after the last complete push ({@link LogPositions#NONE} at first)
     * @param warn     receives what could not be read (a file rotated away between listing and opening)
     */
    public LogFileReader(List<Path> files, LogPositions previous, LogEntryParser<E> parser, Consumer<String> warn) {
        this.files = List.copyOf(requireNonNull(files, "files is null"));
        this.previousPositions = List.copyOf(requireNonNull(previous, "previous is null").files());
        this.parser = requireNonNull(parser, "parser is null");
        this.warn = requireNonNull(warn, "warn is null");
    }

    /** The next entry, or null when every file was read to its last complete line. */
    public E next() {
        while (ready.isEmpty()) {
            if (done) {
                return null;
            }
            try {
                if (found == null) {
                    identifyAll();
                }
                if (current == null) {
                    if (nextFile >= found.size()) {
                        done = true;
                        return null;
                    }
                    current = open(found.get(nextFile++));
                } else if (!current.readLine()) {
                    current.finish();
                    current = null;
                }
            } catch (IOException e) {
                Object p = current != null ? current.path : found == null || nextFile == 0 ? files
                        : found.get(nextFile - 1).path;
                closeCurrent();
                throw new UncheckedIOException("cannot read log file " + p + ": " + e.getMessage(), e);
            }
        }
        return ready.poll();
    }

    /**
     * Where each file was read to: the checkpoint to commit once what was read has been pushed
     * completely. Only after {@link #next()} returned null.
     */
    public LogPositions positions() {
        if (!done) {
            throw new IllegalStateException("the log files were not read to their end");
        }
        return new LogPositions(reached);
    }

    @Override
    public void close() {
        closeCurrent();
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.in.close();
            } catch (IOException ignored) {
                // reading is over either way
            }
            current = null;
        }
    }

    /** A file as found when the reading starts: what identifies it, and where its previous position says to resume. */
    private static final class Found {
        final Path path;
        final String fileKey;
        final long size;
        final byte[] head;
        final boolean gzip;
        FilePosition previous;

        Found(Path path, String fileKey, long size, byte[] head, boolean gzip) {
            this.path = path;
            this.fileKey = fileKey;
            this.size = size;
            this.head = head;
            this.gzip = gzip;
        }

        boolean fingerprintMatches(FilePosition p) {
            if (head.length < p.fingerprintBytes() || (gzip && p.fingerprintBytes() == 0)
                    || !sha256(head, p.fingerprintBytes()).equals(p.fingerprint())) {
                return false;
            }
            // the bytes before the offset of a file that was only appended to are as they were
            return gzip || p.beforeOffset() == null || size < p.offset()
                    || p.beforeOffset().equals(hashBefore(path, p.offset()));
        }
    }

    private List<Found> found;

    /**
     * Identifies every file, then gives each the previous position that is the same file: first by
     * file key and fingerprint (the same path preferred; another path is a renamed file), then, for
     * the files and positions left, by fingerprint alone (a copy made by copy-truncate rotation
     * while its truncated original is still there, a gzip of a file read while plain, a file
     * system without file keys). A file without one is read from its start.
     */
    private void identifyAll() throws IOException {
        found = new ArrayList<>();
        for (Path p : files) {
            Found f = identify(p);
            if (f != null) {
                found.add(f);
            }
        }
        List<FilePosition> left = new ArrayList<>(previousPositions);
        for (int pass = 0; pass < 2; pass++) {
            for (Found f : found) {
                if (f.previous != null || f.gzip) {
                    continue;
                }
                FilePosition best = null;
                for (FilePosition p : left) {
                    boolean sameFile = !p.gzip() && p.fileKey() != null && p.fileKey().equals(f.fileKey)
                            && f.fingerprintMatches(p);
                    if (sameFile && (pass == 1 || p.path().equals(f.path.toString()))) {
                        best = p;
                        break;
                    }
                }
                if (best != null) {
                    f.previous = best;
                    left.remove(best);
                }
            }
        }
        for (Found f : found) {
            if (f.previous != null) {
                continue;
            }
            for (FilePosition p : left) {
                boolean keysDiffer = p.fileKey() == null || f.fileKey == null || !p.fileKey().equals(f.fileKey);
                // a copy only while its original still exists (truncated in place): a new file that merely
                // starts like a deleted one (a banner line) is not the deleted one
                boolean copyOfTruncated = p.fileKey() == null || f.fileKey == null
                        || found.stream().anyMatch(o -> p.fileKey().equals(o.fileKey));
                if ((f.gzip || !p.gzip() && keysDiffer && copyOfTruncated) && f.fingerprintMatches(p)) {
                    f.previous = p;
                    left.remove(p);
                    break;
                }
            }
        }
    }

    private Found identify(Path path) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            boolean gzip = path.getFileName().toString().endsWith(".gz");
            byte[] head;
            try (InputStream in = gzip ? new GZIPInputStream(Files.newInputStream(path), BUFFER)
                    : Files.newInputStream(path)) {
                head = in.readNBytes(FINGERPRINT_BYTES);
            }
            return new Found(path, attrs.fileKey() == null ? null : attrs.fileKey().toString(), attrs.size(), head, gzip);
        } catch (NoSuchFileException e) {
            warn.accept("log file " + path + " disappeared before it was read (rotated away?)");
            return null;
        }
    }

    private Open open(Found f) throws IOException {
        Path path = f.path;
        FilePosition previous = f.previous;
        long start = 0;
        if (previous != null && (f.gzip || f.size >= previous.offset())) {
            start = previous.offset();
        } else if (previous != null) {
            LOG.debug("{} is shorter ({} bytes) than its checkpoint {}: truncated, read from its start", path, f.size,
                    previous.offset());
        }
        String fingerprint = sha256(f.head, f.head.length);
        parser.reset();
        parser.beginFile(path);
        if (!f.gzip && start == f.size) { // nothing new: keep the checkpoint without reading the file
            reached.add(new FilePosition(path.toString(), f.fileKey, fingerprint, f.head.length, f.size, start, false,
                    hashBefore(path, start)));
            return null;
        }
        InputStream body;
        try {
            if (f.gzip) {
                body = new GZIPInputStream(Files.newInputStream(path), BUFFER);
                long skipped = skip(body, start);
                if (skipped < start) {
                    body.close();
                    reached.add(new FilePosition(path.toString(), f.fileKey, fingerprint, f.head.length, skipped,
                            skipped, true, null));
                    return null;
                }
            } else {
                FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
                channel.position(start);
                body = Channels.newInputStream(channel);
            }
        } catch (NoSuchFileException e) {
            warn.accept("log file " + path + " disappeared before it was read (rotated away?)");
            return null;
        }
        return new Open(path, f.fileKey, fingerprint, f.head.length, f.size, f.gzip, body, start);
    }

    private static long skip(InputStream in, long n) throws IOException {
        long done = 0;
        byte[] scratch = new byte[8192];
        while (done < n) {
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    /** SHA-256 of the up to {@value #FINGERPRINT_BYTES} bytes before {@code offset}; null when unreadable. */
    static String hashBefore(Path path, long offset) {
        int n = (int) Math.min(FINGERPRINT_BYTES, offset);
        ByteBuffer buf = ByteBuffer.allocate(n);
        try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ)) {
            long at = offset - n;
            while (buf.hasRemaining()) {
                int r = c.read(buf, at + buf.position());
                if (r < 0) {
                    return null;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return sha256(buf.array(), n);
    }

    static String sha256(byte[] bytes, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, 0, length);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private String decode(int length) {
        try {
            return decoder.reset().decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder failed", e); // cannot happen: REPLACE
        }
    }

    /** One file being read. */
    private final class Open {
        final Path path;
        final String fileKey;
        final String fingerprint;
        final int fingerprintBytes;
        final long size;
        final boolean gzip;
        final InputStream in;
        final byte[] buffer = new byte[BUFFER];
        int pos;
        int limit;
        boolean eof;
        /** Offset of the first byte not yet part of a complete line. */
        long offset;

        Open(Path path, String fileKey, String fingerprint, int fingerprintBytes, long size, boolean gzip,
                InputStream in, long start) {
            this.path = path;
            this.fileKey = fileKey;
            this.fingerprint = fingerprint;
            this.fingerprintBytes = fingerprintBytes;
            this.size = size;
            this.gzip = gzip;
            this.in = in;
            this.offset = start;
        }

        /** Offers the next complete line to the parser; false at the end (a partial line is left unread). */
        boolean readLine() throws IOException {
            int length = 0;
            while (true) {
                if (pos == limit) {
                    if (eof) {
                        return false;
                    }
                    int r = in.read(buffer);
                    if (r < 0) {
                        eof = true;
                        return false;
                    }
                    pos = 0;
                    limit = r;
                }
                int nl = -1;
                for (int i = pos; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                int end = nl < 0 ? limit : nl;
                int n = end - pos;
                if (length + n > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
                }
                System.arraycopy(buffer, pos, line, length, n);
                length += n;
                pos = nl < 0 ? limit : nl + 1;
                if (nl >= 0) {
                    long start = offset;
                    offset += length + 1L;
                    int text = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                    parser.accept(decode(text), start, sink);
                    return true;
                }
            }
        }

        void finish() throws IOException {
            in.close();
            long checkpoint = parser.finish(offset, sink);
            if (gzip) {
                checkpoint = offset; // a compressed file never grows: an unfinished entry in it stays unfinished
            }
            if (checkpoint < 0 || checkpoint > offset) {
                throw new IllegalStateException("parser returned checkpoint " + checkpoint + " outside [0, " + offset + "]");
            }
            reached.add(new FilePosition(path.toString(), fileKey, fingerprint, fingerprintBytes,
                    Math.max(gzip ? offset : size, offset), checkpoint, gzip, gzip ? null : hashBefore(path, checkpoint)));
        }
    }
}
