package io.mcpush.source.logfile;

import java.util.function.Consumer;

/**
 * The format-specific part of reading a server log (PostgreSQL csvlog/jsonlog, HiveServer2's
 * log4j files): turns the lines of one file, in order, into entries. The shared reader owns the
 * files, their positions between runs (DESIGN.md, "Watermarks": file identity + offset of the
 * first entry not yet complete), rotation and decoding; a parser owns only the grammar.
 *
 * <p>Entries may span lines (a quoted CSV field with newlines, a multi-line SQL statement in a
 * log4j message). A parser therefore reports, at the end of the file, where its first incomplete
 * entry began, so that the next run re-reads it whole once the server has finished writing it.
 * One parser instance reads one file at a time; {@link #reset()} is called before each file.
 * Not thread-safe.
 *
 * @param <E> what an entry becomes (a query-log entry, or null-free intermediate records)
 */
public interface LogEntryParser<E> {
    /** Forgets any pending entry: a new file starts. */
    void reset();

    /**
     * Names the file that starts (called right after {@link #reset()}), for messages such as a
     * warning about lines the parser could not read. Default: ignored.
     */
    default void beginFile(java.nio.file.Path file) {
    }

    /**
     * The next line of the file, without its line terminator, decoded as UTF-8 (malformed bytes
     * replaced), starting at byte offset {@code start}. Emits to {@code out} every entry this line
     * completes (usually the previous multi-line entry when a new one starts, or this line's own).
     */
    void accept(String line, long start, Consumer<? super E> out);

    /**
     * The file has no more complete lines. Emits any pending entry the format knows to be complete
     * and returns the byte offset from which the next run must read: the start of the first line
     * of an entry that may still grow, or {@code endOfFile} when nothing is pending.
     *
     * @param endOfFile the offset just after the last complete line that was offered
     */
    long finish(long endOfFile, Consumer<? super E> out);
}
