package io.mcpush.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpush.lineage.ColumnEdge;
import io.mcpush.lineage.Context;
import io.mcpush.lineage.Dialect;
import io.mcpush.lineage.LineageError;
import io.mcpush.lineage.LineageResult;
import io.mcpush.lineage.SqlLineage;
import io.mcpush.lineage.TableName;
import io.mcpush.lineage.bench.LineageBenchmark;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mcpush sql lineage}: table and column lineage of SQL text. */
@Command(name = "sql", mixinStandardHelpOptions = true, description = "Work with SQL text.",
        subcommands = {SqlCommand.LineageCommand.class})
public final class SqlCommand {
    @ParentCommand
    McpushCommand parent;

    @Command(name = "lineage", mixinStandardHelpOptions = true,
            description = {"Print the table and column lineage of SQL text (one statement or a script).",
                    "--jsonl is the bulk mode: each input line is {\"id\": ..., \"dialect\": ..., \"sql\": ..., "
                            + "\"metadata\": {\"schema.table\": [\"col\", ...]}} and each output line, in input order, "
                            + "is {\"id\": ..., \"sources\": [...], \"targets\": [...], \"columns\": [{\"source\": ..., "
                            + "\"target\": ...}], \"error\": null}. A bad line gets an error and the rest carry on."},
            footer = {"", "Dialects: " + "ansi, snowflake, bigquery, redshift, postgres, mysql, mariadb, tsql, databricks, "
                    + "sparksql, hive, oracle, athena, trino, duckdb, teradata, vertica, exasol, db2, greenplum, materialize",
                    "Examples:", "  mcpush sql lineage --dialect snowflake query.sql",
                    "  mcpush sql lineage --jsonl queries.jsonl > lineage.jsonl",
                    "  mcpush sql lineage --bench 10"})
    static final class LineageCommand implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @ParentCommand
        SqlCommand sql;

        @Option(names = "--dialect", paramLabel = "D", defaultValue = "ansi",
                description = "SQL dialect (default: ${DEFAULT-VALUE}); in --jsonl mode, for lines without one.")
        String dialect;

        @Option(names = "--default-database", paramLabel = "X", description = "Database of unqualified names.")
        String defaultDatabase;

        @Option(names = "--default-schema", paramLabel = "Y", description = "Schema of unqualified names.")
        String defaultSchema;

        @Option(names = "--jsonl", description = "Bulk mode: one JSON request per input line, one answer per output line.")
        boolean jsonl;

        @Option(names = "--bench", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "10",
                description = "Run the lineage benchmark (single thread) for SECONDS per mode and print statements/s.")
        Double bench;

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", defaultValue = "-",
                description = "SQL file, or JSON Lines with --jsonl; - for standard input (default).")
        String file;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = sql.parent.out();
            if (bench != null) {
                LineageBenchmark.run(bench, out);
                return ExitCodes.OK;
            }
            Dialect d = dialect(dialect);
            try (InputStream in = open()) {
                return jsonl ? bulk(in, d, out) : readable(in, d, out);
            }
        }

        private static Dialect dialect(String name) {
            try {
                return Dialect.of(name);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }

        private InputStream open() throws IOException {
            if (file.equals("-")) {
                return new BufferedInputStream(System.in) {
                    @Override
                    public void close() {
                        // standard input belongs to the process
                    }
                };
            }
            try {
                return new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16);
            } catch (NoSuchFileException e) {
                throw new UsageException("no such file: " + file);
            }
        }

        private int readable(InputStream in, Dialect d, PrintWriter out) throws IOException {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            LineageResult r = SqlLineage.analyze(text, d, Context.of(defaultDatabase, defaultSchema));
            out.println("sources:");
            r.sources().forEach(t -> out.println("  " + t.qualified()));
            out.println("targets:");
            r.targets().forEach(t -> out.println("  " + t.qualified()));
            out.println("columns:");
            r.columnEdges().forEach(e -> out.println("  " + e.source().qualified() + " -> " + e.target().qualified()
                    + (e.method() == io.mcpush.lineage.Method.FALLBACK ? "  (fallback)" : "")));
            out.println("method: " + r.method().name().toLowerCase(java.util.Locale.ROOT) + " (" + r.statements()
                    + (r.statements() == 1 ? " statement)" : " statements)"));
            out.flush();
            PrintWriter err = sql.parent.err();
            for (LineageError e : r.errors()) {
                err.println("warning: " + e);
            }
            err.flush();
            boolean nothing = r.sources().isEmpty() && r.targets().isEmpty();
            return r.hasErrors() && nothing ? ExitCodes.USAGE : ExitCodes.OK;
        }

        /** Streams line by line: memory stays flat however many lines there are. */
        private int bulk(InputStream in, Dialect d, PrintWriter out) throws IOException {
            Context base = Context.of(defaultDatabase, defaultSchema);
            SqlLineage lineage = new SqlLineage(SqlLineage.DEFAULT_PARSE_TIMEOUT, SqlLineage.DEFAULT_MAX_STATEMENT_CHARS);
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            long number = 0;
            int b;
            boolean more = true;
            while (more) {
                line.reset();
                while ((b = in.read()) != -1 && b != '\n') {
                    line.write(b);
                }
                more = b != -1;
                number++;
                byte[] bytes = line.toByteArray();
                if (isBlank(bytes)) {
                    continue;
                }
                out.println(answer(bytes, number, d, base, lineage));
                if ((number & 0xFF) == 0) {
                    out.flush();
                }
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static boolean isBlank(byte[] bytes) {
            for (byte x : bytes) {
                if (x != ' ' && x != '\t' && x != '\r') {
                    return false;
                }
            }
            return true;
        }

        private static String answer(byte[] bytes, long number, Dialect fallback, Context base, SqlLineage lineage) {
            JsonNode id = null;
            try {
                String text;
                try {
                    text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    return error(null, "line " + number + ": not valid UTF-8");
                }
                JsonNode request;
                try {
                    request = JSON.readTree(text);
                } catch (IOException e) {
                    return error(null, "line " + number + ": not a JSON object");
                }
                if (request == null || !request.isObject()) {
                    return error(null, "line " + number + ": not a JSON object");
                }
                id = request.get("id");
                JsonNode sqlNode = request.get("sql");
                if (sqlNode == null || !sqlNode.isTextual()) {
                    return error(id, "line " + number + ": sql: missing or not a string");
                }
                Dialect d = fallback;
                JsonNode dn = request.get("dialect");
                if (dn != null && !dn.isNull()) {
                    try {
                        d = Dialect.of(dn.asText());
                    } catch (IllegalArgumentException e) {
                        return error(id, "line " + number + ": dialect: " + e.getMessage());
                    }
                }
                Context context = base;
                JsonNode db = request.get("default_database");
                JsonNode schema = request.get("default_schema");
                if (db != null && db.isTextual() || schema != null && schema.isTextual()) {
                    context = context.withDefaults(db != null && db.isTextual() ? db.asText() : base.defaultDatabase(),
                            schema != null && schema.isTextual() ? schema.asText() : base.defaultSchema());
                }
                JsonNode metadata = request.get("metadata");
                if (metadata != null && !metadata.isNull()) {
                    if (!metadata.isObject()) {
                        return error(id, "line " + number + ": metadata: not an object of table to column list");
                    }
                    Map<String, List<String>> catalog = new LinkedHashMap<>();
                    Iterator<Map.Entry<String, JsonNode>> it = metadata.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        List<String> cols = new ArrayList<>();
                        if (e.getValue().isArray()) {
                            e.getValue().forEach(c -> cols.add(c.asText()));
                        }
                        catalog.put(e.getKey(), cols);
                    }
                    context = context.withCatalog(catalog);
                }
                LineageResult r = lineage.analyze(sqlNode.asText(), d, context, true);
                String message = null;
                if (r.hasErrors()) {
                    StringBuilder m = new StringBuilder();
                    for (LineageError e : r.errors()) {
                        m.append(m.length() == 0 ? "" : "; ").append(e);
                    }
                    message = m.toString();
                }
                return write(id, r, message);
            } catch (RuntimeException | StackOverflowError e) {
                return error(id, "line " + number + ": " + e.getClass().getSimpleName());
            }
        }

        private static String error(JsonNode id, String message) {
            return write(id, null, message);
        }

        private static String write(JsonNode id, LineageResult r, String error) {
            StringWriter w = new StringWriter(256);
            try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
                g.writeStartObject();
                g.writeFieldName("id");
                if (id == null) {
                    g.writeNull();
                } else {
                    g.writeTree(id);
                }
                g.writeArrayFieldStart("sources");
                if (r != null) {
                    for (TableName t : r.sources()) {
                        g.writeString(t.qualified());
                    }
                }
                g.writeEndArray();
                g.writeArrayFieldStart("targets");
                if (r != null) {
                    for (TableName t : r.targets()) {
                        g.writeString(t.qualified());
                    }
                }
                g.writeEndArray();
                g.writeArrayFieldStart("columns");
                if (r != null) {
                    for (ColumnEdge e : r.columnEdges()) {
                        g.writeStartObject();
                        g.writeStringField("source", e.source().qualified());
                        g.writeStringField("target", e.target().qualified());
                        g.writeEndObject();
                    }
                }
                g.writeEndArray();
                g.writeStringField("error", error);
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return w.toString();
        }
    }
}
