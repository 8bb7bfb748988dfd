package io.mcpush.cli;

import io.mcpush.emulator.Emulator;
import io.mcpush.emulator.EmulatorConfig;
import io.mcpush.emulator.GraphqlKey;
import io.mcpush.emulator.IngestKey;
import io.mcpush.sdk.Flow;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show the whole push flow offline: start the local Monte Carlo emulator, push the sample "
                + "manifests of all three flows (metadata, lineage, query logs), print every invocation id, then "
                + "validate through the emulator's GraphQL API that everything pushed is visible.",
                "Needs nothing but Java 17."})
final class DemoCommand implements Callable<Integer> {
    private static final Pattern INVOCATION = Pattern.compile("^invocation_id (\\S+)", Pattern.MULTILINE);
    private static final List<String[]> SAMPLES = List.of(
            new String[] {"metadata", "metadata.jsonl"},
            new String[] {"lineage", "lineage.jsonl"},
            new String[] {"query-logs", "query-logs.jsonl"});

    @ParentCommand
    McpushCommand parent;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where to put the manifests and result files (default: a new temporary directory).")
    Path workDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = parent.out();
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("mcpush-demo-");
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String keyId = "demo-key";
        String token = HexFormat.of().formatHex(secret);
        new SecureRandom().nextBytes(secret);
        String apiToken = HexFormat.of().formatHex(secret);
        EmulatorConfig config = EmulatorConfig.builder().port(0).key(new IngestKey(keyId, token))
                .graphqlKey(new GraphqlKey("demo-api-key", apiToken)).build();
        try (Emulator emulator = Emulator.start(config)) {
            out.printf("mcpush demo: local Monte Carlo emulator on %s (key generated for this run)%n", emulator.baseUrl());
            out.printf("working in %s%n%n", dir);
            out.flush();
            Map<String, String> env = new LinkedHashMap<>();
            env.put(Environment.INGEST_ID, keyId);
            env.put(Environment.INGEST_TOKEN, token);
            env.put(Environment.INGEST_ENDPOINT, emulator.baseUrl().toString());
            env.put(ValidateCommand.API_ID, "demo-api-key");
            env.put(ValidateCommand.API_TOKEN, apiToken);
            env.put(ValidateCommand.API_ENDPOINT, emulator.graphqlUrl().toString());
            List<String[]> summary = new ArrayList<>();
            int exit = ExitCodes.OK;
            for (String[] sample : SAMPLES) {
                Path manifest = copySample(sample[1], dir);
                Flow flow = Flow.parse(sample[0]);
                out.printf("== mcpush push %s --manifest %s%n", sample[0], manifest);
                if (flow == Flow.QUERY_LOGS) {
                    out.println("   (the sample query logs are Snowflake's: log_type snowflake)");
                }
                out.flush();
                StringWriter captured = new StringWriter();
                PrintWriter tee = new PrintWriter(captured, true);
                PushOptionsMixin options = new PushOptionsMixin();
                options.concurrency = 4;
                options.maxCompressedBytes = io.mcpush.sdk.push.PushOptions.DEFAULT_MAX_COMPRESSED_BYTES;
                options.timeout = java.time.Duration.ofSeconds(30);
                options.retryDeadline = java.time.Duration.ofMinutes(2);
                int code = new PushRunner(new Environment(env), tee, parent.err())
                        .push(new PushRunner.Request(flow, manifest, null, null, true), options);
                String text = captured.toString();
                out.print(text.indent(3));
                out.println();
                out.flush();
                Matcher m = INVOCATION.matcher(text);
                List<String> ids = new ArrayList<>();
                while (m.find()) {
                    ids.add(m.group(1));
                }
                summary.add(new String[] {flow.manifestName(), String.valueOf(ids.size()), String.join(", ", ids)});
                if (code != ExitCodes.OK) {
                    exit = code;
                }
            }
            for (String[] sample : SAMPLES) {
                Path result = dir.resolve(sample[1] + ".push.json");
                out.printf("== mcpush validate %s --result %s%n", sample[0], result);
                out.flush();
                StringWriter captured = new StringWriter();
                int code = McpushCommand.createCommandLine(env, new PrintWriter(captured, true), parent.err())
                        .execute("validate", sample[0], "--result", result.toString());
                out.print(captured.toString().indent(3));
                out.println();
                out.flush();
                if (code != ExitCodes.OK) {
                    exit = code;
                }
            }
            out.println("Summary");
            out.printf("  %-11s %-9s %s%n", "flow", "requests", "invocation ids");
            for (String[] row : summary) {
                out.printf("  %-11s %-9s %s%n", row[0], row[1], row[2]);
            }
            out.printf("  the emulator stored %d requests holding %d events%n", emulator.accepted().size(),
                    emulator.acceptedEventCount());
            out.printf("  result files: %s/*.push.json%n", dir);
            out.println(exit == ExitCodes.OK ? "demo finished: every push was acknowledged and validated" : "demo FAILED");
            out.flush();
            return exit;
        }
    }

    private static Path copySample(String name, Path dir) {
        Path target = dir.resolve(name);
        try (InputStream in = DemoCommand.class.getResourceAsStream("/examples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sample manifest " + name + " is missing from the jar");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
