package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final AtomicLong nanos = new AtomicLong();

    private void ticks(Progress p, int n, long nanosEach) {
        for (int i = 0; i < n; i++) {
            nanos.addAndGet(nanosEach);
            p.tick();
        }
    }

    @Test
    void logModePrintsAPlainLineEveryTenSeconds() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), false, "collecting metadata", "tables", nanos::get);
        ticks(p, 2048, 1_000_000L); // 2 s: nothing yet
        assertThat(out.toString()).isEmpty();
        ticks(p, 10_240, 1_000_000L); // 12.3 s in all
        assertThat(out.toString().lines()).hasSize(1)
                .first().asString().matches("collecting metadata: \\d{1,2},\\d{3} tables \\(1,000/s\\)");
        assertThat(out.toString()).doesNotContain("\r");
        p.done();
        assertThat(out.toString().lines()).hasSize(1);
    }

    @Test
    void terminalModeRewritesOneLineAndClearsIt() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), true, "collecting query logs", "queries", nanos::get);
        ticks(p, 4096, 100_000L); // 0.41 s: one update at 1,024 x 4 ticks... at most every 250 ms
        String s = out.toString();
        assertThat(s).startsWith("\rcollecting query logs: ").doesNotContain("\n").contains("queries (10,000/s)");
        p.done();
        assertThat(out.toString()).endsWith("\r");
        assertThat(p.count()).isEqualTo(4096);
    }
}
