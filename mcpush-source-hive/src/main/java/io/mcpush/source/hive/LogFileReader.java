package io.mcpush.source.hive;

import static java.util.Objects.requireNonNull;

import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceException;
import io.mcpush.source.logfile.LogEntryParser;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Interim: reads each log file whole, from its first byte, through a {@link LogEntryParser},
 * handing out entries as the lines are read (bounded memory: one line and the parser's pending
 * entries). No positions are kept and no rotation is followed.
 */
// TODO(integrator): replace with the shared io.mcpush.source.logfile reader (positions, rotation)
final class LogFileReader<E> implements Iterator<E>, AutoCloseable {
    private final Iterator<Path> files;
    private final LogEntryParser<E> parser;
    private final ArrayDeque<E> ready = new ArrayDeque<>();
    private Path file;
    private InputStream in;
    private long offset;

    LogFileReader(List<Path> files, LogEntryParser<E> parser) {
        this.files = List.copyOf(files).iterator();
        this.parser = requireNonNull(parser, "parser is null");
    }

    @Override
    public boolean hasNext() {
        try {
            while (ready.isEmpty()) {
                if (in == null) {
                    if (!files.hasNext()) {
                        return false;
                    }
                    open(files.next());
                }
                byte[] line = readLine();
                if (line == null) {
                    parser.finish(offset, ready::add);
                    in.close();
                    in = null;
                } else {
                    int n = line.length;
                    boolean complete = n > 0 && line[n - 1] == '\n';
                    if (!complete) {
                        // a last line still being written: the next run reads it whole
                        parser.finish(offset, ready::add);
                        in.close();
                        in = null;
                        continue;
                    }
                    int end = n - 1;
                    if (end > 0 && line[end - 1] == '\r') {
                        end--;
                    }
                    parser.accept(new String(line, 0, end, StandardCharsets.UTF_8), offset, ready::add);
                    offset += n;
                }
            }
            return true;
        } catch (IOException e) {
            throw new SourceException("cannot read log file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public E next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void open(Path p) throws IOException {
        file = p;
        offset = 0;
        parser.reset();
        try {
            in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new SourceConfigException("log-file", "--log-file " + p + ": no such file");
        }
    }

    /** The next line with its terminator, or null at the end of the file. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) >= 0) {
            buf.write(b);
            if (b == '\n') {
                break;
            }
        }
        return buf.size() == 0 ? null : buf.toByteArray();
    }

    @Override
    public void close() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // reading is over
            }
            in = null;
        }
    }
}
