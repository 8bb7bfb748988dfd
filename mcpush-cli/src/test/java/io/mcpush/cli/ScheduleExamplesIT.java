package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mcpush.emulator.Emulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Running on a schedule" examples run as written against the emulator: every
 * crontab line and the Kubernetes CronJob's arguments. Only the paths change (the config file, which
 * here names a DuckDB warehouse, or the fake query history for query logs, and the state directory).
 */
class ScheduleExamplesIT {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path dir;

    private Emulator emulator;

    @BeforeEach
    void start() {
        emulator = LineageCommandIT.startEmulator(java.time.Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** The README's first ```language block that holds {@code marker}. */
    private static String block(String language, String marker) throws IOException {
        String readme = Files.readString(README);
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (m.find()) {
            if (m.group(1).contains(marker)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no ```" + language + " block with '" + marker + "' in the README");
    }

    /** The config file for one command: the warehouse is DuckDB, or the fake history for query logs. */
    private Path config(List<String> args) throws IOException {
        Path warehouse = dir.resolve("shop.duckdb");
        if (!Files.exists(warehouse)) {
            ShopWarehouse.create(warehouse);
        }
        boolean queryLogs = args.contains("query-logs");
        Path file = dir.resolve(queryLogs ? "history.yaml" : "warehouse.yaml");
        Files.writeString(file, queryLogs
                ? "sources:\n  warehouse:\n    type: fake-history\n"
                : "sources:\n  warehouse:\n    type: duckdb\n    database-file: " + warehouse + "\n");
        return file;
    }

    private Cli.Run run(List<String> args) throws IOException {
        List<String> local = new ArrayList<>();
        for (String a : args) {
            local.add(a.equals("/etc/mcpush/mcpush.yaml") ? config(args).toString()
                    : a.equals("/var/lib/mcpush/state") ? dir.resolve("state").toString() : a);
        }
        return SourceCli.run(LineageCommandIT.env(emulator), local.toArray(String[]::new));
    }

    @Test
    void everyCrontabLineRunsAsWritten() throws IOException {
        List<String> commands = new ArrayList<>();
        for (String line : block("cron", "mcpush run").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            assertThat(fields[5]).as(line).isEqualTo("mcpush");
            List<String> args = List.of(fields).subList(6, fields.length);
            Cli.Run run = run(args);
            assertThat(run.exitCode()).as(line + "\n" + run).isZero();
            commands.add(args.get(0) + " " + (args.size() > 1 ? args.get(1) : ""));
        }
        assertThat(commands).contains("run metadata", "run query-logs", "run lineage", "status --state-dir");
        assertThat(emulator.accepted()).extracting(r -> r.eventType()).contains("METADATA", "QUERY_LOG");
    }

    @Test
    void theCronJobRunsHourlyAndItsArgumentsRunAsWritten() throws IOException {
        JsonNode job = new ObjectMapper(new YAMLFactory()).readTree(block("yaml", "kind: CronJob"));
        assertThat(job.path("kind").asText()).isEqualTo("CronJob");
        assertThat(job.path("spec").path("schedule").asText()).matches("\\d+ \\* \\* \\* \\*");
        JsonNode container = job.at("/spec/jobTemplate/spec/template/spec/containers/0");
        List<String> command = new ArrayList<>();
        container.path("command").forEach(n -> command.add(n.asText()));
        assertThat(command).contains("-Xmx256m").endsWith("-jar", "/opt/mcpush/mcpush.jar");
        List<String> args = new ArrayList<>();
        container.path("args").forEach(n -> args.add(n.asText()));

        Cli.Run run = run(args);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(emulator.accepted()).extracting(r -> r.eventType()).contains("METADATA");
    }
}
