package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoIT {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    Path dir;

    @Test
    void demoPushesAllThreeFlowsAndPrintsTheirInvocationIds() throws IOException {
        Cli.Run run = Cli.run(Map.of(), "demo", "--keep", dir.toString());

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
        assertThat(dir.resolve("shop.duckdb")).isRegularFile();
        assertThat(Pattern.compile("validation passed").matcher(run.out()).results().count()).isEqualTo(3);
        assertThat(run.out()).contains("--log-type snowflake");
    }

    @Test
    void demoLineageComesFromTheViewsAndFromTheRecordedCtasInsertAndMerge() throws IOException {
        Cli.Run run = Cli.run(Map.of(), "demo", "--keep", dir.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();

        Map<String, List<String>> upstream = new TreeMap<>();
        try (ManifestReader reader = ManifestReader.open(dir.resolve("lineage.jsonl"))) {
            ManifestEvent e;
            while ((e = reader.next()) != null) {
                LineageEvent event = (LineageEvent) e.event();
                upstream.put(name(event.destination()), event.sources().stream().map(DemoIT::name).sorted().toList());
            }
        }
        assertThat(upstream).containsExactlyInAnyOrderEntriesOf(Map.of(
                "staging.stg_customers", List.of("raw.customers"),
                "staging.stg_orders", List.of("raw.orders"),
                "mart.customer_orders", List.of("raw.payments", "staging.stg_customers", "staging.stg_orders"),
                "mart.daily_revenue", List.of("mart.customer_orders"),
                "mart.customer_ltv", List.of("staging.stg_orders")));
    }

    private static String name(LineageAssetRef ref) {
        assertThat(ref.database()).isEqualTo("shop");
        return ref.schema() + "." + ref.name();
    }
}
