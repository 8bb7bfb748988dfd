package io.mcpush.cli;

import io.mcpush.emulator.Emulator;
import io.mcpush.emulator.EmulatorConfig;
import io.mcpush.emulator.FaultPlan;
import io.mcpush.emulator.IngestKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = {"Run a local, strict Monte Carlo push gateway in the foreground (Ctrl-C stops it).",
                "It checks keys (401), allowed resources (403), size (413) and the full payload shape (400), "
                        + "answers 202 with an invocation id, and can inject faults for testing."},
        footer = {"", "Key: MCD_INGEST_ID/MCD_INGEST_TOKEN from the environment if set; otherwise a key is generated "
                + "and written to --key-file (never printed).",
                "Faults: --fault 429:count=3:retry-after=1, 503:rate=0.1, reset:nth=2, slow:ms=2000:count=1, lost:nth=5,",
                "  no-id (200 without an invocation id: not taken), 400:match=TEXT (refuse requests holding TEXT)",
                "Example:", "  mcpush emulator --port 8080 --key-file /tmp/mc.env",
                "  mcpush push metadata --manifest examples/metadata.jsonl --endpoint http://127.0.0.1:8080 --ingest-key-file /tmp/mc.env"})
final class EmulatorCommand implements Callable<Integer> {
    @ParentCommand
    McpushCommand parent;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Port on 127.0.0.1 (default: a free port, printed at start).")
    int port;

    @Option(names = "--store", paramLabel = "DIR", description = "Persist accepted requests in DIR (default: memory only).")
    Path store;

    @Option(names = "--fault", paramLabel = "SPEC", description = "Inject faults (repeatable); see below.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--key-file", paramLabel = "FILE", description = "Where to write a generated key "
            + "(default: ~/.mcpush/emulator-key.env).")
    Path keyFile;

    @Option(names = "--allow-resource", paramLabel = "UUID",
            description = "Restrict the key to these resource UUIDs (repeatable; default: any).")
    List<String> allowedResources = new ArrayList<>();

    @Option(names = "--max-compressed-bytes", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Answer 413 above this gzip size (default: ${DEFAULT-VALUE}).")
    long maxCompressedBytes;

    @Option(names = "--discard-bodies",
            description = "Keep only a summary of each accepted request in memory and answer GraphQL from nothing "
                    + "(for long soak or benchmark runs).")
    boolean discardBodies;

    @Option(names = "--run-for", paramLabel = "DURATION", converter = Durations.class, hidden = true,
            description = "Stop after this long (for scripts and tests).")
    Duration runFor;

    @Override
    public Integer call() throws Exception {
        FaultPlan plan;
        try {
            plan = FaultPlan.parse(faults);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fault: " + e.getMessage());
        }
        Environment env = parent.env();
        String id = env.get(Environment.INGEST_ID);
        String token = env.get(Environment.INGEST_TOKEN);
        boolean generated = id == null || token == null;
        if (generated) {
            id = "emulator-" + UUID.randomUUID().toString().substring(0, 8);
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            token = HexFormat.of().formatHex(bytes);
        }
        EmulatorConfig config = EmulatorConfig.builder()
                .port(port)
                .key(new IngestKey(id, token, Set.copyOf(allowedResources)))
                .maxCompressedBytes(maxCompressedBytes)
                .storeDir(store)
                .retainBodies(!discardBodies)
                .faults(plan)
                .build();
        try (Emulator emulator = Emulator.start(config)) {
            parent.out().printf("mcpush emulator listening on %s%n", emulator.baseUrl());
            parent.out().printf("  gateway: POST %s/ingest/v1/metadata | /ingest/v1/lineage | /ingest/v1/querylogs%n",
                    emulator.baseUrl());
            if (generated) {
                Path file = keyFile != null ? keyFile
                        : Path.of(System.getProperty("user.home"), ".mcpush", "emulator-key.env");
                writeKeyFile(file, id, token, emulator.baseUrl().toString());
                parent.out().printf("  key: id %s, secret in %s (use --ingest-key-file %s)%n", id, file, file);
            } else {
                parent.out().printf("  key: %s from the environment%n", id);
            }
            if (store != null) {
                parent.out().printf("  store: %s%n", store);
            }
            parent.out().flush();
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown, "mcpush-emulator-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            if (runFor != null) {
                stop.await(runFor.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
            parent.out().printf("stopping: %d requests accepted, %d events%n", emulator.accepted().size(),
                    emulator.acceptedEventCount());
            parent.out().flush();
        }
        return ExitCodes.OK;
    }

    static void writeKeyFile(Path file, String id, String token, String endpoint) {
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Files.deleteIfExists(abs);
            try {
                Files.createFile(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(abs);
            }
            Files.writeString(abs, "# mcpush emulator key (local testing only)\n"
                    + Environment.INGEST_ID + "=" + id + "\n"
                    + Environment.INGEST_TOKEN + "=" + token + "\n"
                    + Environment.INGEST_ENDPOINT + "=" + endpoint + "\n");
        } catch (IOException e) {
            throw new UsageException("cannot write key file " + file + ": " + e.getMessage());
        }
    }
}
