package io.mcpush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpush.sdk.EventType;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.LogTypes;
import io.mcpush.sdk.McpushException;
import io.mcpush.sdk.graphql.GraphqlException;
import io.mcpush.sdk.graphql.MonteCarloApi;
import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.push.IngestionClient;
import io.mcpush.sdk.push.IngestionException;
import io.mcpush.sdk.push.PushResultFile;
import io.mcpush.sdk.push.RetryPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mcpush doctor}: walks the push debugging checkpoints in order and names the first that
 * fails. The gateway check sends one empty probe ({@code {}}) that the gateway refuses after it
 * has checked the key, so nothing is ingested; everything else is read-only.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Walk the push debugging checkpoints in order and say which one fails:",
                "  1. gateway reachable and ingestion key accepted (empty probe, nothing ingested)",
                "  2. GraphQL API key works (getUser)",
                "  3. resource UUID exists and its connection type matches the resource_type",
                "  4. log_type is one the query-log endpoint accepts",
                "  5. the invocation ids of the last push results (status, one id per batch)",
                "Exit 0 when no checkpoint fails, 1 when one does."},
        footer = {"", "Needs both keys: MCD_INGEST_ID/MCD_INGEST_TOKEN (or --ingest-key-file) and MCD_ID/MCD_TOKEN.",
                "resource UUID: --resource-uuid, else $MCD_RESOURCE_UUID, else the manifest headers; resource_type and "
                        + "log_type: the flags, else the manifest headers, else the result files.",
                "Results: --result FILE, and <manifest>.push.json of every --manifest when it exists.",
                "Example:",
                "  mcpush doctor --manifest examples/metadata.jsonl",
                "  mcpush doctor --resource-uuid 4f1c9b2e-6d7a-4e3b-9c21-0d5e8f7a6b10 \\",
                "      --resource-type snowflake --log-type snowflake"})
final class DoctorCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    McpushCommand parent;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "A manifest that was (or will be) pushed: its header and push result are checked (repeatable).")
    List<Path> manifests = new ArrayList<>();

    @Option(names = "--result", paramLabel = "FILE", description = "A push result file to report on (repeatable).")
    List<Path> results = new ArrayList<>();

    @Option(names = "--resource-uuid", paramLabel = "UUID",
            description = "The resource to check (default: $MCD_RESOURCE_UUID, else the manifest header).")
    String resourceUuid;

    @Option(names = "--resource-type", paramLabel = "TYPE",
            description = "The resource_type you push metadata and lineage with (default: from the manifests).")
    String resourceType;

    @Option(names = "--log-type", paramLabel = "TYPE",
            description = "The log_type you push query logs with (default: from the manifests).")
    String logType;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Gateway base URL (default: $MCD_INGEST_ENDPOINT, else https://integrations.getmontecarlo.com).")
    URI endpoint;

    @Option(names = "--ingest-key-file", paramLabel = "FILE",
            description = "Read MCD_INGEST_ID and MCD_INGEST_TOKEN from this file instead of the environment.")
    Path ingestKeyFile;

    @Option(names = "--api-endpoint", paramLabel = "URL",
            description = "GraphQL URL (default: $MCD_API_ENDPOINT, else https://api.getmontecarlo.com/graphql).")
    URI apiEndpoint;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "20s", converter = Durations.class,
            description = "Give up on the gateway probe after this long, retries included (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** What checkpoint 2 read; checkpoint 3 uses it. */
    private MonteCarloApi.User lastUser;

    private enum Outcome { OK, FAILED, SKIPPED }

    private record Checkpoint(int number, String name, Outcome outcome, String detail, List<String> more) {
    }

    /** What the manifests and result files say; every field may be null or empty. */
    private static final class Context {
        final Set<String> uuids = new LinkedHashSet<>();
        final Set<String> resourceTypes = new LinkedHashSet<>();
        final Set<String> logTypes = new LinkedHashSet<>();
        final List<Path> results = new ArrayList<>();
    }

    @Override
    public Integer call() {
        Environment env = parent.env();
        // credentials and inputs first, so a usage error sends nothing
        Environment.IngestKey ingestKey = env.ingestKey(ingestKeyFile);
        MonteCarloApi api = ValidateCommand.connect(env, apiEndpoint);
        URI gateway = PushRunner.gatewayEndpoint(env, endpoint);
        Context ctx = context(env);

        PrintWriter out = parent.out();
        out.println("mcpush doctor: push debugging checkpoints");
        out.flush();
        List<Checkpoint> done = new ArrayList<>();
        done.add(report(out, gateway(gateway, ingestKey)));
        Checkpoint graphql = report(out, graphqlKey(api));
        done.add(graphql);
        MonteCarloApi.User user = graphql.outcome() == Outcome.OK ? lastUser : null;
        done.add(report(out, resource(user, graphql, ctx)));
        done.add(report(out, logTypes(ctx)));
        done.add(report(out, results(ctx)));

        Checkpoint failed = done.stream().filter(c -> c.outcome() == Outcome.FAILED).findFirst().orElse(null);
        if (failed == null) {
            long skipped = done.stream().filter(c -> c.outcome() == Outcome.SKIPPED).count();
            out.println("doctor: every checkpoint passed" + (skipped == 0 ? "" : " (" + skipped + " skipped)"));
            out.flush();
            return ExitCodes.OK;
        }
        long failures = done.stream().filter(c -> c.outcome() == Outcome.FAILED).count();
        out.println("doctor: checkpoint " + failed.number() + " (" + failed.name() + ") fails"
                + (failures > 1 ? "; " + failures + " checkpoints fail in all, fix the first one first" : ""));
        out.flush();
        return ExitCodes.FAILURE;
    }

    private static Checkpoint report(PrintWriter out, Checkpoint c) {
        String mark = switch (c.outcome()) {
            case OK -> "ok    ";
            case FAILED -> "FAILED";
            case SKIPPED -> "skip  ";
        };
        out.println("[" + mark + "] " + c.number() + ". " + c.name() + ": " + c.detail());
        c.more().forEach(line -> out.println("           " + line));
        out.flush();
        return c;
    }

    // ---- 1. gateway ---------------------------------------------------------------------------

    private Checkpoint gateway(URI gateway, Environment.IngestKey key) {
        String name = "gateway reachable and ingestion key accepted";
        RetryPolicy policy = RetryPolicy.defaults().withDeadline(timeout).withMaxAttempts(3);
        URI probe = gateway.resolve(Flow.METADATA.path());
        try (IngestionClient client = IngestionClient.builder().endpoint(gateway).key(key.id(), key.token())
                .retryPolicy(policy).requestTimeout(Duration.ofSeconds(10)).build()) {
            IngestionClient.SendResult r = client.send(EventType.METADATA, "{}".getBytes(StandardCharsets.UTF_8));
            // A gateway taking an empty object would be odd, but it did check the key first.
            return new Checkpoint(1, name, Outcome.OK, probe + " answered HTTP " + r.status() + "; key "
                    + key.id() + " accepted", List.of());
        } catch (IngestionException e) {
            int status = e.status();
            if (e.rejectedWithoutInvocationId()) {
                // the same decision as push and run (GatewayAnswer): no invocation id, not taken
                return new Checkpoint(1, name, Outcome.FAILED, probe + " answered HTTP " + status + " without an "
                        + "invocation_id: the gateway did not take the request (check the key and the resource UUID)",
                        excerpt(e, key));
            }
            if (status == 400 || status == 413) {
                return new Checkpoint(1, name, Outcome.OK, probe + " answered; key " + key.id()
                        + " accepted (the empty probe was refused with HTTP " + status + " as expected; nothing was "
                        + "ingested)", List.of());
            }
            if (status == 401 || status == 403) {
                return new Checkpoint(1, name, Outcome.FAILED, "the gateway refused the ingestion key " + key.id()
                        + " (HTTP " + status + "): check MCD_INGEST_ID/MCD_INGEST_TOKEN; it must be an Ingestion-scope "
                        + "integration key, not a GraphQL API key", excerpt(e, key));
            }
            if (status == 404 || status == 405) {
                return new Checkpoint(1, name, Outcome.FAILED, "no push endpoint at " + probe + " (HTTP " + status
                        + "): is " + Environment.INGEST_ENDPOINT + " the gateway base URL (not the GraphQL URL)?",
                        excerpt(e, key));
            }
            if (status == 0) {
                return new Checkpoint(1, name, Outcome.FAILED, "the gateway at " + gateway + " is not reachable: "
                        + key.token().redact(e.getMessage()), List.of());
            }
            return new Checkpoint(1, name, Outcome.FAILED, "the gateway answered HTTP " + status + ": "
                    + key.token().redact(e.getMessage()), List.of());
        } catch (McpushException e) {
            return new Checkpoint(1, name, Outcome.FAILED, key.token().redact(e.getMessage()), List.of());
        }
    }

    private static List<String> excerpt(IngestionException e, Environment.IngestKey key) {
        String body = e.bodyExcerpt();
        return body == null || body.isBlank() ? List.of() : List.of("gateway said: " + key.token().redact(body));
    }

    // ---- 2. GraphQL key -----------------------------------------------------------------------

    private Checkpoint graphqlKey(MonteCarloApi api) {
        String name = "GraphQL API key works";
        try {
            lastUser = api.getUser();
            return new Checkpoint(2, name, Outcome.OK, "getUser at " + api.client().endpoint() + " answered for "
                    + (lastUser.email() == null ? "the key's user" : lastUser.email()) + "; the account has "
                    + LineageCommand.plural(lastUser.warehouses().size(), "warehouse"), List.of());
        } catch (GraphqlException e) {
            String hint = e.status() == 401 || e.status() == 403 ? "" : " (check MCD_API_ENDPOINT and MCD_ID/MCD_TOKEN)";
            return new Checkpoint(2, name, Outcome.FAILED, e.getMessage() + hint, List.of());
        }
    }

    // ---- 3. resource --------------------------------------------------------------------------

    private Checkpoint resource(MonteCarloApi.User user, Checkpoint graphql, Context ctx) {
        String name = "resource UUID exists and its connection type matches the resource_type";
        if (user == null) {
            return new Checkpoint(3, name, Outcome.SKIPPED, "needs checkpoint " + graphql.number() + " (the GraphQL key)",
                    List.of());
        }
        if (ctx.uuids.isEmpty()) {
            return new Checkpoint(3, name, Outcome.FAILED, "no resource UUID: pass --resource-uuid, set "
                    + Environment.RESOURCE_UUID + ", or --manifest FILE with resource_uuid in its header "
                    + "('mcpush resources' lists them)", List.of());
        }
        List<String> more = new ArrayList<>();
        for (String uuid : ctx.uuids) {
            MonteCarloApi.Warehouse w = user.warehouses().stream().filter(x -> uuid.equalsIgnoreCase(x.uuid()))
                    .findFirst().orElse(null);
            if (w == null) {
                String known = user.warehouses().stream()
                        .map(x -> x.uuid() + " (" + x.name() + ", " + x.connectionType() + ")")
                        .collect(Collectors.joining(", "));
                return new Checkpoint(3, name, Outcome.FAILED, "resource UUID " + uuid
                        + " is not a warehouse of this account; " + (known.isEmpty() ? "the account has none"
                        : "it has: " + known), List.of());
            }
            for (String type : ctx.resourceTypes) {
                if (!type.equals(w.connectionType())) {
                    return new Checkpoint(3, name, Outcome.FAILED, "resource_type '" + type
                            + "' does not match the connection type '" + w.connectionType() + "' of resource " + uuid
                            + (w.name() == null ? "" : " (" + w.name() + ")") + "; push with resource_type '"
                            + w.connectionType() + "'", List.of());
                }
            }
            more.add(uuid + ": " + (w.name() == null ? "" : w.name() + ", ") + "connection type "
                    + w.connectionType());
        }
        String detail = ctx.resourceTypes.isEmpty()
                ? "found; no resource_type to compare (pass --resource-type or --manifest)"
                : "found; resource_type " + String.join(", ", ctx.resourceTypes) + " matches";
        return new Checkpoint(3, name, Outcome.OK, detail, more);
    }

    // ---- 4. log_type --------------------------------------------------------------------------

    private static Checkpoint logTypes(Context ctx) {
        String name = "log_type valid";
        if (ctx.logTypes.isEmpty()) {
            return new Checkpoint(4, name, Outcome.SKIPPED, "no log_type to check (pass --log-type, or --manifest with "
                    + "a query-log manifest)", List.of());
        }
        for (String t : ctx.logTypes) {
            if (!LogTypes.isSupported(t)) {
                return new Checkpoint(4, name, Outcome.FAILED, "log_type '" + t + "' is not one Monte Carlo accepts "
                        + "(the gateway may still answer 202, then drop it downstream); use one of "
                        + String.join(", ", LogTypes.SUPPORTED) + (t.toLowerCase(Locale.ROOT).startsWith("hive")
                        || t.equalsIgnoreCase("data-lake") ? " (Hive on EMR/S3: hive-s3)" : ""), List.of());
            }
        }
        return new Checkpoint(4, name, Outcome.OK, String.join(", ", ctx.logTypes), List.of());
    }

    // ---- 5. results ---------------------------------------------------------------------------

    private static Checkpoint results(Context ctx) {
        String name = "invocation ids of the last results";
        if (ctx.results.isEmpty()) {
            return new Checkpoint(5, name, Outcome.SKIPPED, "no push result to show (pass --result FILE, or --manifest "
                    + "FILE after a push)", List.of());
        }
        List<String> more = new ArrayList<>();
        String problem = null;
        int ids = 0;
        for (Path file : ctx.results) {
            JsonNode r = readJson(file);
            String status = r.path("status").asText("unknown");
            List<String> invocationIds = new ArrayList<>();
            r.path("invocation_ids").forEach(n -> {
                if (n.isTextual()) {
                    invocationIds.add(n.asText());
                }
            });
            int batches = r.path("batches").size();
            long missing = 0;
            for (JsonNode b : r.path("batches")) {
                if (!"dead_letter".equals(b.path("status").asText())
                        && (!b.path("invocation_id").isTextual() || b.path("invocation_id").asText().isBlank())) {
                    missing++;
                }
            }
            ids += invocationIds.size();
            more.add(file + ": " + r.path("flow").asText("?") + ", status " + status + ", "
                    + LineageCommand.plural(batches, "batch") + ", started "
                    + r.path("started_at").asText("?"));
            invocationIds.forEach(id -> more.add("  invocation id " + id));
            if (problem == null && "dead_letters".equals(status)) {
                problem = file + ": " + r.path("dead_letters").asLong() + " events could not be sent: they are in "
                        + r.path("dead_letters_file").asText("the dead-letters file") + " (replay them with mcpush push "
                        + "--manifest FILE once fixed)";
            } else if (problem == null && !"complete".equals(status)) {
                problem = file + ": the push did not complete (status " + status + ")"
                        + (r.path("error").isTextual() ? ": " + r.path("error").asText() : "")
                        + "; rerun the push to send the rest";
            } else if (problem == null && missing > 0) {
                problem = file + ": " + missing + " batches got no invocation id: the gateway rejected them "
                        + "(check the key and resource.uuid)";
            }
        }
        if (problem != null) {
            return new Checkpoint(5, name, Outcome.FAILED, problem, more);
        }
        return new Checkpoint(5, name, Outcome.OK, LineageCommand.plural(ids, "invocation id") + " in "
                + LineageCommand.plural(ctx.results.size(), "result file") + " (quote them to Monte Carlo support when "
                + "data does not appear)", more);
    }

    // ---- inputs -------------------------------------------------------------------------------

    private Context context(Environment env) {
        Context ctx = new Context();
        String flagUuid = resourceUuid != null ? resourceUuid : env.get(Environment.RESOURCE_UUID);
        if (flagUuid != null) {
            ctx.uuids.add(LineageCommand.checkUuid(flagUuid, resourceUuid != null ? "--resource-uuid"
                    : Environment.RESOURCE_UUID));
        }
        if (resourceType != null) {
            ctx.resourceTypes.add(resourceType.strip());
        }
        if (logType != null) {
            ctx.logTypes.add(logType.strip());
        }
        for (Path m : manifests) {
            if (!Files.exists(m)) {
                throw new UsageException("manifest " + m + " does not exist");
            }
            ManifestHeader h;
            try (ManifestReader reader = ManifestReader.open(m, true)) {
                h = reader.header();
            }
            if (flagUuid == null && h.resourceUuid() != null) {
                ctx.uuids.add(h.resourceUuid());
            }
            if (h.flow() == Flow.QUERY_LOGS) {
                if (logType == null) {
                    ctx.logTypes.add(h.logType());
                }
            } else if (resourceType == null) {
                ctx.resourceTypes.add(h.resourceType());
            }
            Path result = PushResultFile.defaultFor(m);
            if (Files.exists(result) && !results.contains(result)) {
                ctx.results.add(result);
            }
        }
        for (Path r : results) {
            if (!Files.exists(r)) {
                throw new UsageException("result file " + r + " does not exist");
            }
            ctx.results.add(r);
        }
        for (Path r : ctx.results) {
            JsonNode json = readJson(r);
            if (flagUuid == null && ctx.uuids.isEmpty() && json.path("resource_uuid").isTextual()) {
                ctx.uuids.add(json.path("resource_uuid").asText());
            }
            if (resourceType == null && manifests.isEmpty() && json.path("resource_type").isTextual()) {
                ctx.resourceTypes.add(json.path("resource_type").asText());
            }
            if (logType == null && manifests.isEmpty() && json.path("log_type").isTextual()) {
                ctx.logTypes.add(json.path("log_type").asText());
            }
        }
        return ctx;
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new UsageException(file + " is not a push result (expected a JSON object)");
            }
            return n;
        } catch (IOException e) {
            throw new UsageException(file + " is not a push result: " + e.getMessage());
        }
    }
}
