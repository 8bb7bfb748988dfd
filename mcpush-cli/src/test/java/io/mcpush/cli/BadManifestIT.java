package io.mcpush.cli;

import static io.mcpush.cli.Manifests.LINEAGE_HEADER;
import static io.mcpush.cli.Manifests.METADATA_HEADER;
import static io.mcpush.cli.Manifests.QUERY_LOG_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad manifest stops the push before anything is sent: exit 2 and {@code FILE:LINE: field: problem}. */
class BadManifestIT {
    private static final String TABLE = Manifests.table("ORDERS");
    private static final String LINEAGE = "{\"destination\": {\"type\": \"TABLE\", \"name\": \"D\", \"database\": \"DB\", "
            + "\"schema\": \"S\", \"asset_id\": \"d\"}, \"sources\": [{\"type\": \"TABLE\", \"name\": \"A\", "
            + "\"database\": \"DB\", \"schema\": \"S\", \"asset_id\": \"a\"}]}";
    private static final String QUERY = "{\"start_time\": \"2026-11-25T08:00:00Z\", \"end_time\": \"2026-11-25T08:00:01Z\", "
            + "\"query_text\": \"select 1\"}";

    @TempDir
    Path dir;

    private TestGateway gateway;

    @BeforeEach
    void startGateway() {
        gateway = TestGateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    /** A case: the manifest's bytes, the flow pushed, and the line, field (null: none) and problem expected. */
    record Case(String name, String flow, String fileName, byte[] content, int line, String field, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] lines(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Case c(String name, String flow, int line, String field, String problem, String... lines) {
        return new Case(name, flow, "m.jsonl", lines(lines), line, field, problem);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] invalidUtf8OnLine4() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(lines(METADATA_HEADER, TABLE, Manifests.table("CUSTOMERS")));
        out.writeBytes("{\"type\": \"TABLE\", \"metadata\": {\"name\": \"BAD".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        out.writeBytes("\", \"database\": \"SHOP\", \"schema\": \"RAW\"}}\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(lines(Manifests.table("LATER")));
        return out.toByteArray();
    }

    private static byte[] truncatedGzip() {
        List<String> many = new ArrayList<>(List.of(METADATA_HEADER));
        for (int i = 0; i < 300; i++) {
            many.add(Manifests.table(Manifests.name(i), "row " + i + " of a manifest cut short"));
        }
        byte[] whole = gzip(lines(many.toArray(String[]::new)));
        return Arrays.copyOf(whole, whole.length / 2);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("empty file", "metadata", "m.jsonl", new byte[0], 1, null, "empty"),
                c("header not JSON", "metadata", 1, null, "not valid JSON", "mcpush manifest v1", TABLE),
                c("header without mcpush_manifest", "metadata", 1, "mcpush_manifest", "is required",
                        "{\"flow\": \"metadata\", \"resource_type\": \"snowflake\"}", TABLE),
                c("wrong version", "metadata", 1, "mcpush_manifest", "must be 1",
                        "{\"mcpush_manifest\": 2, \"flow\": \"metadata\", \"resource_type\": \"snowflake\"}", TABLE),
                c("unknown flow", "metadata", 1, "flow", "'tables'",
                        "{\"mcpush_manifest\": 1, \"flow\": \"tables\", \"resource_type\": \"snowflake\"}", TABLE),
                c("flow differs from the command", "metadata", 1, "flow", "lineage", LINEAGE_HEADER, LINEAGE),
                c("metadata header without resource_type", "metadata", 1, "resource_type", "is required",
                        "{\"mcpush_manifest\": 1, \"flow\": \"metadata\", \"resource_uuid\": \"" + Manifests.UUID + "\"}",
                        TABLE),
                c("unsupported log_type", "query-logs", 1, "log_type", "'postgresql'",
                        QUERY_LOG_HEADER.replace("snowflake", "postgresql"), QUERY),
                c("row_count as a string", "metadata", 2, "volume.row_count", "must be an integer, not a string",
                        METADATA_HEADER, TABLE.replace("\"row_count\": 12", "\"row_count\": \"12\"")),
                c("table type BASE TABLE", "metadata", 3, "type", "must be TABLE or VIEW",
                        METADATA_HEADER, TABLE, TABLE.replace("\"TABLE\"", "\"BASE TABLE\"")),
                c("missing metadata.name", "metadata", 2, "metadata.name", "is required",
                        METADATA_HEADER, TABLE.replace("\"name\": \"ORDERS\", ", "")),
                c("unknown key row_cont", "metadata", 2, "volume.row_cont", "is not a field",
                        METADATA_HEADER, TABLE.replace("row_count", "row_cont")),
                c("lineage without sources", "lineage", 2, "sources", "at least one source",
                        LINEAGE_HEADER, LINEAGE.replaceAll(", \"sources\": \\[.*\\]", "")),
                c("lineage with empty sources", "lineage", 3, "sources", "at least one source",
                        LINEAGE_HEADER, LINEAGE, LINEAGE.replaceAll("\"sources\": \\[.*\\]", "\"sources\": []")),
                c("column mapping naming no source", "lineage", 2, "fields[0].source_fields[0].asset_id", "'x'",
                        LINEAGE_HEADER, LINEAGE.replace("}]}", "}], \"fields\": [{\"name\": \"C\", "
                                + "\"source_fields\": [{\"asset_id\": \"x\", \"field_name\": \"C\"}]}]}")),
                c("query log without end_time", "query-logs", 2, "end_time", "is required",
                        QUERY_LOG_HEADER, QUERY.replace("\"end_time\": \"2026-11-25T08:00:01Z\", ", "")),
                c("query log time without zone", "query-logs", 3, "start_time", "",
                        QUERY_LOG_HEADER, QUERY, QUERY.replace("08:00:00Z", "08:00:00")),
                c("error_code as a float", "query-logs", 2, "error_code", "must be a string or an integer",
                        QUERY_LOG_HEADER, QUERY.replace("}", ", \"error_code\": 2003.5}")),
                new Case("invalid UTF-8 on line 4", "metadata", "m.jsonl", invalidUtf8OnLine4(), 4, null, "UTF-8"),
                c("duplicate key", "metadata", 2, null, "Duplicate field 'type'",
                        METADATA_HEADER, TABLE.replace("{\"type\": \"TABLE\",", "{\"type\": \"TABLE\", \"type\": \"VIEW\",")),
                c("trailing garbage after the object", "metadata", 3, null, "not valid JSON",
                        METADATA_HEADER, TABLE, TABLE + " x"),
                new Case(".gz that is not gzip", "metadata", "m.jsonl.gz", lines(METADATA_HEADER, TABLE), 1, null,
                        "not gzip"),
                new Case("truncated .gz", "metadata", "m.jsonl.gz", truncatedGzip(), -1, null, "gzip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badManifestExitsTwoNamingFileLineAndFieldAndSendsNothing(Case c) throws IOException {
        Path manifest = dir.resolve(c.fileName());
        Files.write(manifest, c.content());

        Cli.Run run = Cli.run(Cli.env(gateway), "push", c.flow(), "--manifest", manifest.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).as(run.toString()).hasSize(1);
        assertThat(run.all()).doesNotContain("\tat ");
        String line = c.line() < 0 ? "\\d+" : String.valueOf(c.line());
        String field = c.field() == null ? "" : Pattern.quote(c.field()) + ": ";
        assertThat(errors.get(0)).matches("error: " + Pattern.quote(manifest.toString()) + ":" + line + ": " + field
                + ".*" + Pattern.quote(c.problem()) + ".*");
        assertThat(gateway.received()).isZero();
    }

    @Test
    void logTypeOptionMakesAnUnsupportedQueryLogManifestPushable() throws IOException {
        Path manifest = dir.resolve("q.jsonl");
        Files.write(manifest, lines(QUERY_LOG_HEADER.replace("snowflake", "postgresql"), QUERY));

        Cli.Run run = Cli.run(Cli.env(gateway), "push", "query-logs", "--manifest", manifest.toString(),
                "--log-type", "snowflake");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(gateway.accepted()).hasSize(1);
        assertThat(gateway.accepted().get(0).resourceValue()).isEqualTo("snowflake");
    }

    @Test
    void badLineLateInTheFileStopsThePushBeforeAnyRequest() throws IOException {
        List<String> lines = new ArrayList<>(List.of(METADATA_HEADER));
        for (int i = 0; i < 250; i++) {
            lines.add(Manifests.table(Manifests.name(i)));
        }
        lines.set(199, lines.get(199).replace("\"row_count\": 12", "\"row_count\": \"12\""));
        Path manifest = dir.resolve("late.jsonl");
        Files.write(manifest, lines);

        Cli.Run run = Cli.run(Cli.env(gateway), "push", "metadata", "--manifest", manifest.toString(),
                "--max-events", "5", "--concurrency", "1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(manifest + ":200: volume.row_count: must be an integer");
        assertThat(gateway.received()).isZero();
        assertThat(Path.of(manifest + ".push.json.ledger")).doesNotExist();
    }

    @Test
    void gzipManifestIsReadWhenValid() throws IOException {
        Path manifest = dir.resolve("m.jsonl.gz");
        Files.write(manifest, gzip(lines(METADATA_HEADER, TABLE, Manifests.table("CUSTOMERS"))));

        Cli.Run run = Cli.run(Cli.env(gateway), "push", "metadata", "--manifest", manifest.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(gateway.metadataNames()).containsExactly("ORDERS", "CUSTOMERS");
    }
}
