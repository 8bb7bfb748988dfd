package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mcpush sql lineage}, readable and bulk, run in this JVM. */
class SqlLineageIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Runs the CLI; registers {@code sql} itself while the root command does not list it yet. */
    static Cli.Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = McpushCommand.createCommandLine(Map.of(), o, e);
        if (!cl.getSubcommands().containsKey("sql")) {
            cl.addSubcommand("sql", new CommandLine(new SqlCommand()));
        }
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return new Cli.Run(code, out.toString(), err.toString());
    }

    @Test
    void printsReadableLineageOfAScript() throws IOException {
        Path sql = dir.resolve("q.sql");
        Files.writeString(sql, "create temporary table tmp as select id, amount from raw.orders;\n"
                + "insert into mart.big (id, amount) select id, amount from tmp where amount > 10;\n");
        Cli.Run r = run("sql", "lineage", "--dialect", "snowflake", "--default-database", "DB", sql.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("sources:\n  DB.RAW.ORDERS\n", "targets:\n  DB.MART.BIG\n",
                "  DB.RAW.ORDERS.AMOUNT -> DB.MART.BIG.AMOUNT");
    }

    @Test
    void unknownDialectIsAUsageErrorListingTheKnownOnes() throws IOException {
        Path sql = dir.resolve("q.sql");
        Files.writeString(sql, "select 1");
        Cli.Run r = run("sql", "lineage", "--dialect", "cobol", sql.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("unknown dialect 'cobol'", "snowflake, bigquery");
    }

    @Test
    void bulkModeAnswersEveryLineInOrderAndBadLinesGetAnError() throws IOException {
        Path in = dir.resolve("in.jsonl");
        try (OutputStream o = Files.newOutputStream(in)) {
            o.write(("{\"id\": 1, \"dialect\": \"postgres\", \"sql\": \"INSERT INTO s.t (a) SELECT x FROM s.u\"}\n"
                    + "not json\n"
                    + "{\"id\": \"q3\", \"dialect\": \"klingon\", \"sql\": \"select 1\"}\n"
                    + "{\"id\": 4, \"sql\": \"INSERT INTO s.t SELECT * FROM s.u\", \"metadata\": {\"s.u\": [\"a\", \"b\"]}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            o.write(new byte[] {'{', '"', 'i', 'd', '"', ':', '5', ',', '"', 's', 'q', 'l', '"', ':', '"', (byte) 0xC3,
                    '"', '}', '\n'});
            o.write("{\"id\": 6, \"sql\": \"garbage (((\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        Cli.Run r = run("sql", "lineage", "--jsonl", in.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            lines.add(JSON.readTree(l));
        }
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0).toString()).isEqualTo("{\"id\":1,\"sources\":[\"s.u\"],\"targets\":[\"s.t\"],"
                + "\"columns\":[{\"source\":\"s.u.x\",\"target\":\"s.t.a\"}],\"error\":null}");
        assertThat(lines.get(1).path("error").asText()).contains("line 2", "JSON");
        assertThat(lines.get(2).path("id").asText()).isEqualTo("q3");
        assertThat(lines.get(2).path("error").asText()).contains("unknown dialect");
        assertThat(lines.get(3).path("columns").toString()).isEqualTo(
                "[{\"source\":\"s.u.a\",\"target\":\"s.t.a\"},{\"source\":\"s.u.b\",\"target\":\"s.t.b\"}]");
        assertThat(lines.get(4).path("error").asText()).contains("UTF-8");
        assertThat(lines.get(5).path("id").asInt()).isEqualTo(6);
        assertThat(lines.get(5).path("error").isNull()).isFalse();
    }

    @Test
    void bulkModeStreamsAHundredThousandLines() throws IOException {
        Path in = dir.resolve("many.jsonl");
        try (var w = Files.newBufferedWriter(in)) {
            for (int i = 0; i < 100_000; i++) {
                w.write(i % 2 == 0 ? "{\"id\":" + i + ",\"sql\":\"COPY s.t FROM 's3://b/" + i + "'\"}\n"
                        : "{\"id\":" + i + ",\"sql\":\"DROP TABLE s.x\"}\n");
            }
        }
        Cli.Run r = run("sql", "lineage", "--jsonl", in.toString());
        assertThat(r.exitCode()).isZero();
        String out = r.out();
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(100_000);
        assertThat(out).endsWith("{\"id\":99999,\"sources\":[],\"targets\":[],\"columns\":[],\"error\":null}\n");
    }
}
