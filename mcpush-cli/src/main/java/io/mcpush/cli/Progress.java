package io.mcpush.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of long work on stderr: on a terminal one line rewritten in place at most a few times
 * a second ({@code collecting metadata: 12,345 tables (4,567/s)}); otherwise (a log file, CI) a
 * plain line every {@code logEvery} nanoseconds, so logs stay readable. {@link #tick} is cheap
 * (a counter and, every 1,024 calls, a clock read) and is called from one thread. {@link #done}
 * clears the terminal line so the summary that follows starts clean.
 */
final class Progress {
    private static final long TERMINAL_EVERY = 250_000_000L;
    private static final long LOG_EVERY = 10_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final String label;
    private final String unit;
    private final LongSupplier clock;
    private final long every;
    private final long started;
    private long count;
    private long lastPrint;
    private int lastWidth;

    Progress(PrintWriter err, boolean terminal, String label, String unit, LongSupplier clock) {
        this.err = requireNonNull(err, "err is null");
        this.terminal = terminal;
        this.label = requireNonNull(label, "label is null");
        this.unit = requireNonNull(unit, "unit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.every = terminal ? TERMINAL_EVERY : LOG_EVERY;
        this.started = clock.getAsLong();
        this.lastPrint = started;
    }

    /** For the CLI: a terminal when the JVM has a console and TERM is not {@code dumb}. */
    static Progress of(Environment env, PrintWriter err, String label, String unit) {
        boolean terminal = System.console() != null && !"dumb".equals(env.get("TERM"));
        return new Progress(err, terminal, label, unit, System::nanoTime);
    }

    /** One more item. */
    void tick() {
        count++;
        if ((count & 1023) == 0) {
            maybePrint();
        }
    }

    long count() {
        return count;
    }

    private void maybePrint() {
        long now = clock.getAsLong();
        if (now - lastPrint >= every) {
            lastPrint = now;
            print(now);
        }
    }

    private void print(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        String text = String.format(Locale.ROOT, "%s: %,d %s (%,.0f/s)", label, count, unit, count / seconds);
        if (terminal) {
            int pad = Math.max(0, lastWidth - text.length());
            err.print("\r" + text + " ".repeat(pad));
            lastWidth = text.length();
        } else {
            err.println(text);
        }
        err.flush();
    }

    /** The work is over: clears the terminal line (a log gets nothing more; the summary says it). */
    void done() {
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }
}
