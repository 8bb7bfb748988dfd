package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoIT {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    Path dir;

    @Test
    void demoPushesAllThreeFlowsAndPrintsTheirInvocationIds() {
        Cli.Run run = Cli.run(Map.of(), "demo", "--work-dir", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (String flow : new String[] {"metadata", "lineage", "query_logs"}) {
            Matcher m = Pattern.compile("(?m)^\\s+" + flow + "\\s+(\\d+)\\s+(" + UUID + ")").matcher(run.out());
            assertThat(m.find()).as("summary row for " + flow + " in\n" + run.out()).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isPositive();
            assertThat(run.out()).contains("invocation_id " + m.group(2));
        }
        assertThat(dir.resolve("metadata.jsonl.push.json")).isRegularFile();
        assertThat(dir.resolve("query-logs.jsonl.push.json")).isRegularFile();
        assertThat(run.out()).contains("demo finished");
    }
}
