package io.mcpush.lineage;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statement;

/**
 * Runs JSqlParser within budgets. Shallow statements parse on the caller's thread (a stack
 * overflow there is caught); deeply nested ones parse on a worker thread with a large stack and a
 * deadline, so 500 nested subqueries neither crash nor hang the caller.
 */
final class ParserRunner {
    /** The outcome: a statement, or why there is none. */
    record Parsed(Statement statement, LineageError.Kind failure, String message) {
    }

    private static final int SHALLOW_DEPTH = 40;
    /** Deeper statements skip the backtracking grammar, whose cost grows exponentially with nesting. */
    private static final int COMPLEX_MAX_DEPTH = 10;
    private static final long WORKER_STACK_BYTES = 512L * 1024 * 1024;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadPoolExecutor WORKERS = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(null, r, "mcpush-sql-parser-" + THREADS.incrementAndGet(), WORKER_STACK_BYTES);
                t.setDaemon(true);
                return t;
            });

    private final long timeoutMillis;

    ParserRunner(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Parses with JSqlParser's fast grammar first and its complex (backtracking) grammar only when
     * that fails and the statement is shallow enough for backtracking to stay cheap.
     */
    Parsed parse(String sql, Dialect dialect) {
        int depth = nestingDepth(sql);
        Parsed simple = parse(sql, dialect, false, depth);
        if (simple.statement() != null || simple.failure() != LineageError.Kind.SYNTAX || depth > COMPLEX_MAX_DEPTH) {
            return simple;
        }
        Parsed complex = parse(sql, dialect, true, depth);
        return complex.statement() != null ? complex : simple;
    }

    private Parsed parse(String sql, Dialect dialect, boolean complex, int depth) {
        if (depth <= SHALLOW_DEPTH) {
            try {
                return new Parsed(newParser(sql, dialect, complex).Statement(), null, null);
            } catch (StackOverflowError e) {
                return onWorker(sql, dialect, complex);
            } catch (Exception | Error e) {
                return failure(e);
            }
        }
        return onWorker(sql, dialect, complex);
    }

    private Parsed onWorker(String sql, Dialect dialect, boolean complex) {
        CCJSqlParser parser = newParser(sql, dialect, complex);
        Future<Statement> future;
        try {
            future = WORKERS.submit(parser::Statement);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return new Parsed(null, LineageError.Kind.TIMEOUT, "parser busy with other deeply nested statements");
        }
        try {
            return new Parsed(future.get(timeoutMillis, TimeUnit.MILLISECONDS), null, null);
        } catch (TimeoutException e) {
            parser.interrupted = true;
            future.cancel(true);
            return new Parsed(null, LineageError.Kind.TIMEOUT, "parser exceeded its budget of " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            parser.interrupted = true;
            return new Parsed(null, LineageError.Kind.TIMEOUT, "interrupted while parsing");
        }
    }

    private static CCJSqlParser newParser(String sql, Dialect dialect, boolean complex) {
        CCJSqlParser parser = new CCJSqlParser(new StringProvider(sql)).withAllowComplexParsing(complex);
        if (dialect.squareBrackets()) {
            parser.withSquareBracketQuotation(true);
        }
        return parser;
    }

    private static Parsed failure(Throwable e) {
        if (e instanceof StackOverflowError) {
            return new Parsed(null, LineageError.Kind.SYNTAX, "statement nested too deeply to parse");
        }
        String m = e == null ? null : e.getMessage();
        if (m == null) {
            m = e == null ? "parse failed" : e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        if (nl > 0) {
            m = m.substring(0, nl);
        }
        if (m.length() > 200) {
            m = m.substring(0, 200) + "...";
        }
        return new Parsed(null, LineageError.Kind.SYNTAX, m);
    }

    static int nestingDepth(String sql) {
        int depth = 0;
        int max = 0;
        for (int i = 0, n = sql.length(); i < n; i++) {
            char c = sql.charAt(i);
            if (c == '(') {
                if (++depth > max) {
                    max = depth;
                }
            } else if (c == ')') {
                depth--;
            }
        }
        return max;
    }
}
