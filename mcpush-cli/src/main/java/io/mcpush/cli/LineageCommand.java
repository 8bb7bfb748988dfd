package io.mcpush.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mcpush.sdk.graphql.GraphqlException;
import io.mcpush.sdk.graphql.MonteCarloApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mcpush lineage node create|delete} and {@code mcpush lineage edge create}: custom lineage
 * through the GraphQL API (spec §15), one at a time from flags or in bulk from a JSON file.
 * Nodes and edges are permanent unless a shorter {@code --expire-at} is asked for, because the
 * API's own default silently expires them after 7 days.
 */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = {"Manage custom lineage (nodes and edges for assets that are not warehouse tables: dbt models, "
                + "Airflow DAGs, reports) through Monte Carlo's GraphQL API.",
                "Nodes and edges are permanent (expireAt 9999-12-31) unless --expire-at asks for less."},
        subcommands = {LineageCommand.Node.class, LineageCommand.Edge.class},
        footer = {"", "Credentials: MCD_ID and MCD_TOKEN (a GraphQL API key, not the ingestion key).",
                "Example:",
                "  mcpush lineage node create --object-type report --object-id weekly_kpis \\",
                "      --resource-name prod",
                "  mcpush lineage edge create --source table:analytics:public.orders \\",
                "      --destination report:weekly_kpis"})
final class LineageCommand implements Callable<Integer> {
    /** Bulk files are read strictly: a repeated key is an error rather than a silent overwrite. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    static final ObjectMapper YAML = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @ParentCommand
    McpushCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: node or edge");
    }

    // ---- lineage node -------------------------------------------------------------------------

    @Command(name = "node", mixinStandardHelpOptions = true,
            description = "Create, update or delete custom lineage nodes.",
            subcommands = {NodeCreate.class, NodeDelete.class},
            footer = {"", "Example:",
                    "  mcpush lineage node create --object-type dashboard --object-id sales \\",
                    "      --resource-name prod"})
    static final class Node implements Callable<Integer> {
        @ParentCommand
        LineageCommand lineage;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: create or delete");
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create or update a custom lineage node (upsert key: object type + object id + resource) "
                    + "and print its MCON on stdout (one line per node).",
                    "Permanent by default; --expire-at sets a shorter life."},
            footer = {"", "Bulk file (--file, JSON or YAML): an array of nodes, or {\"nodes\": [...]}; each node has "
                    + "object_type, object_id, and optionally resource_id or resource_name, name, expire_at.",
                    "A file ending in .yaml or .yml is read as YAML with the same structure.",
                    "The resource is --resource-id or --resource-name, else $MCD_RESOURCE_UUID.",
                    "Example:",
                    "  mcpush lineage node create --object-type report --object-id weekly_kpis \\",
                    "      --resource-name 'prod snowflake' --name 'Weekly KPIs'",
                    "  mcpush lineage node create --file nodes.json --expire-at 30d"})
    static final class NodeCreate implements Callable<Integer> {
        @ParentCommand
        Node node;

        @Option(names = "--object-type", paramLabel = "T",
                description = "Free text: table, view, report, dashboard, job, model, ...")
        String objectType;

        @Option(names = "--object-id", paramLabel = "ID",
                description = "A stable id; for tables the full table id database:schema.table.")
        String objectId;

        @ArgGroup(exclusive = true)
        Resource resource;

        @Option(names = "--name", paramLabel = "N", description = "Display name (default: the object id).")
        String name;

        @Option(names = "--expire-at", paramLabel = "DATE",
                description = "When the node expires: a date (2027-01-31), a date-time (2027-01-31T12:00:00Z) or a "
                        + "duration from now (30d, 12h). Default: never (9999-12-31).")
        String expireAt;

        @Option(names = "--file", paramLabel = "FILE",
                description = "Create every node in this JSON file (flags above act as defaults).")
        Path file;

        @Option(names = "--api-endpoint", paramLabel = "URL",
                description = "GraphQL URL (default: $MCD_API_ENDPOINT, else https://api.getmontecarlo.com/graphql).")
        URI apiEndpoint;

        @Override
        public Integer call() {
            McpushCommand root = node.lineage.parent;
            Environment env = root.env();
            String defaultExpiry = expireAt == null ? null : expiry(expireAt, "--expire-at");
            String defaultResourceId = resource == null || resource.id == null ? null
                    : checkUuid(resource.id, "--resource-id");
            String defaultResourceName = resource == null ? null : resource.name;
            if (defaultResourceId == null && defaultResourceName == null) {
                defaultResourceId = envUuid(env);
            }
            List<NodeSpec> nodes = new ArrayList<>();
            if (file != null) {
                if (objectType != null || objectId != null || name != null) {
                    throw new UsageException("--file creates the nodes in the file; do not also pass --object-type, "
                            + "--object-id or --name");
                }
                Iterator<Entry> entries = BulkFile.read(file, "nodes").iterator();
                while (entries.hasNext()) {
                    Entry e = entries.next();
                    e.allow("object_type", "object_id", "resource_id", "resource_name", "name", "expire_at");
                    String id = e.optional("resource_id");
                    String rname = e.optional("resource_name");
                    if (id != null && rname != null) {
                        throw e.problem("give resource_id or resource_name, not both");
                    }
                    if (id == null && rname == null) {
                        id = defaultResourceId;
                        rname = defaultResourceName;
                    }
                    if (id == null && rname == null) {
                        throw e.problem("no resource: give resource_id or resource_name, pass --resource-id or "
                                + "--resource-name, or set " + Environment.RESOURCE_UUID);
                    }
                    String ex = e.optional("expire_at");
                    nodes.add(new NodeSpec(e.required("object_type"), e.required("object_id"),
                            id == null ? null : checkUuid(id, e.where() + ": resource_id"), rname, e.optional("name"),
                            ex == null ? defaultExpiry : expiry(ex, e.where() + ": expire_at")));
                }
                if (nodes.isEmpty()) {
                    throw new UsageException(file + ": no nodes to create");
                }
            } else {
                if (objectType == null || objectId == null) {
                    throw new UsageException("give --object-type T and --object-id ID (or --file FILE)");
                }
                if (defaultResourceId == null && defaultResourceName == null) {
                    throw new UsageException("no resource: pass --resource-id UUID or --resource-name NAME, or set "
                            + Environment.RESOURCE_UUID);
                }
                nodes.add(new NodeSpec(objectType, objectId, defaultResourceId, defaultResourceName, name,
                        defaultExpiry));
            }
            MonteCarloApi api = ValidateCommand.connect(env, apiEndpoint);
            PrintWriter out = root.out();
            PrintWriter err = root.err();
            int done = 0;
            for (NodeSpec n : nodes) {
                MonteCarloApi.LineageNode created;
                try {
                    created = api.createOrUpdateLineageNode(n.objectType, n.objectId, n.resourceId, n.resourceName,
                            n.name, n.expireAt == null ? MonteCarloApi.PERMANENT : n.expireAt);
                } catch (GraphqlException e) {
                    throw stopped(e, "node " + n.objectType + ":" + n.objectId, done, nodes.size(), "nodes");
                }
                done++;
                out.println(created.mcon());
                out.flush();
                err.println("node " + n.objectType + ":" + n.objectId + " in resource "
                        + (n.resourceId != null ? n.resourceId : "'" + n.resourceName + "'") + ": "
                        + lifetime(created.expireAt(), n.expireAt));
            }
            if (nodes.size() > 1) {
                err.println("created or updated " + plural(done, "lineage node"));
            }
            err.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code --resource-id} or {@code --resource-name}. */
    static final class Resource {
        @Option(names = {"--resource-id", "--resource-uuid"}, required = true, paramLabel = "UUID",
                description = "The warehouse (resource) UUID (default: $MCD_RESOURCE_UUID).")
        String id;

        @Option(names = "--resource-name", required = true, paramLabel = "NAME",
                description = "The warehouse (resource) by name instead of UUID.")
        String name;
    }

    private record NodeSpec(String objectType, String objectId, String resourceId, String resourceName, String name,
            String expireAt) {
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete lineage nodes by MCON, with all their edges and objects; irreversible.",
                    "Without --yes this is a dry run: it shows what would be deleted and deletes nothing."},
            footer = {"", "Bulk file (--file, JSON): an array of MCONs (or of objects with \"mcon\"), or "
                    + "{\"mcons\": [...]}.",
                    "Works for custom nodes and push-ingested lineage nodes; pull-collected tables belong to the "
                            + "collector.",
                    "Example:",
                    "  mcpush lineage node delete --mcon 'MCON++...++report++weekly_kpis'  # dry run",
                    "  mcpush lineage node delete --mcon 'MCON++...++report++weekly_kpis' --yes"})
    static final class NodeDelete implements Callable<Integer> {
        @ParentCommand
        Node node;

        @Option(names = "--mcon", paramLabel = "M", description = "The node's MCON (repeatable).")
        List<String> mcons = new ArrayList<>();

        @Option(names = "--file", paramLabel = "FILE", description = "Delete every node this JSON file lists.")
        Path file;

        @Option(names = "--yes", description = "Really delete (without it: dry run).")
        boolean yes;

        @Option(names = "--api-endpoint", paramLabel = "URL",
                description = "GraphQL URL (default: $MCD_API_ENDPOINT, else https://api.getmontecarlo.com/graphql).")
        URI apiEndpoint;

        @Override
        public Integer call() {
            McpushCommand root = node.lineage.parent;
            List<String> all = new ArrayList<>();
            for (String m : mcons) {
                all.add(checkMcon(m, "--mcon"));
            }
            if (file != null) {
                for (Entry e : BulkFile.read(file, "mcons")) {
                    all.add(checkMcon(e.mconOrText(), e.where()));
                }
            }
            List<String> unique = all.stream().distinct().toList();
            if (unique.isEmpty()) {
                throw new UsageException("give --mcon M (repeatable) or --file FILE");
            }
            MonteCarloApi api = ValidateCommand.connect(root.env(), apiEndpoint);
            PrintWriter out = root.out();
            if (!yes) {
                for (String m : unique) {
                    out.println("would delete lineage node " + m + " with all its edges");
                }
                out.println("dry run: " + plural(unique.size(), "lineage node")
                        + " would be deleted; nothing was deleted. Rerun with --yes to delete.");
                out.flush();
                return ExitCodes.OK;
            }
            int nodes = 0;
            int edges = 0;
            int done = 0;
            for (String m : unique) {
                MonteCarloApi.DeletedLineage d;
                try {
                    d = api.deleteLineageNode(m);
                } catch (GraphqlException e) {
                    throw stopped(e, "node " + m, done, unique.size(), "nodes deleted");
                }
                done++;
                nodes += d.nodesDeleted();
                edges += d.edgesDeleted();
                out.println("deleted lineage node " + m + " (" + plural(d.edgesDeleted(), "edge") + ", "
                        + plural(d.objectsDeleted(), "object") + ")");
                out.flush();
            }
            out.println("deleted " + plural(nodes, "lineage node") + " and "
                    + plural(edges, "edge"));
            out.flush();
            return ExitCodes.OK;
        }
    }

    // ---- lineage edge -------------------------------------------------------------------------

    @Command(name = "edge", mixinStandardHelpOptions = true,
            description = "Create or update custom lineage edges.",
            subcommands = {EdgeCreate.class},
            footer = {"", "Example:",
                    "  mcpush lineage edge create --source table:analytics:public.orders \\",
                    "      --destination report:weekly_kpis"})
    static final class Edge implements Callable<Integer> {
        @ParentCommand
        LineageCommand lineage;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: create");
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create or update a custom edge: DESTINATION is downstream of SOURCE. Both nodes must exist "
                    + "(a pushed table, or a node made with 'lineage node create').",
                    "Prints 'SOURCE_MCON -> DESTINATION_MCON' on stdout, one line per edge. Permanent by default."},
            footer = {"", "TYPE:ID splits at the first colon: table:analytics:public.orders is object type 'table', "
                    + "object id 'analytics:public.orders'.",
                    "Each end's resource: its --source-resource-*/--destination-resource-* flag, else --resource-uuid, "
                            + "else $MCD_RESOURCE_UUID.",
                    "Bulk file (--file, JSON or YAML): an array of edges, or {\"edges\": [...]}; each edge has source and "
                            + "destination (\"TYPE:ID\", or {object_type, object_id, resource_id | resource_name}), "
                            + "optionally source_resource_id/_name, destination_resource_id/_name and expire_at.",
                    "A file ending in .yaml or .yml is read as YAML with the same structure.",
                    "Example:",
                    "  mcpush lineage edge create --source table:SHOP:RAW.ORDERS \\",
                    "      --destination report:weekly_kpis \\",
                    "      --destination-resource-name 'prod snowflake'",
                    "  mcpush lineage edge create --file edges.json"})
    static final class EdgeCreate implements Callable<Integer> {
        @ParentCommand
        Edge edge;

        @Option(names = "--source", paramLabel = "TYPE:ID", description = "The upstream node.")
        String source;

        @Option(names = "--destination", paramLabel = "TYPE:ID", description = "The downstream node.")
        String destination;

        @ArgGroup(exclusive = true)
        SourceResource sourceResource;

        @ArgGroup(exclusive = true)
        DestinationResource destinationResource;

        @Option(names = "--resource-uuid", paramLabel = "UUID",
                description = "Resource of both ends unless given per end (default: $MCD_RESOURCE_UUID).")
        String resourceUuid;

        @Option(names = "--expire-at", paramLabel = "DATE",
                description = "When the edge expires: a date, a date-time or a duration from now (30d). "
                        + "Default: never (9999-12-31).")
        String expireAt;

        @Option(names = "--file", paramLabel = "FILE",
                description = "Create every edge in this JSON file (flags other than --source/--destination act as "
                        + "defaults).")
        Path file;

        @Option(names = "--api-endpoint", paramLabel = "URL",
                description = "GraphQL URL (default: $MCD_API_ENDPOINT, else https://api.getmontecarlo.com/graphql).")
        URI apiEndpoint;

        @Override
        public Integer call() {
            McpushCommand root = edge.lineage.parent;
            Environment env = root.env();
            String defaultExpiry = expireAt == null ? null : expiry(expireAt, "--expire-at");
            String both = resourceUuid != null ? checkUuid(resourceUuid, "--resource-uuid") : envUuid(env);
            String[] sourceDefault = sourceResource == null ? new String[] {both, null}
                    : new String[] {sourceResource.id == null ? null : checkUuid(sourceResource.id,
                            "--source-resource-id"), sourceResource.name};
            String[] destinationDefault = destinationResource == null ? new String[] {both, null}
                    : new String[] {destinationResource.id == null ? null : checkUuid(destinationResource.id,
                            "--destination-resource-id"), destinationResource.name};
            List<EdgeSpec> edges = new ArrayList<>();
            if (file != null) {
                if (source != null || destination != null) {
                    throw new UsageException("--file creates the edges in the file; do not also pass --source or "
                            + "--destination");
                }
                for (Entry e : BulkFile.read(file, "edges")) {
                    e.allow("source", "destination", "source_resource_id", "source_resource_name",
                            "destination_resource_id", "destination_resource_name", "expire_at");
                    MonteCarloApi.NodeInput s = e.endpoint("source", sourceDefault);
                    MonteCarloApi.NodeInput d = e.endpoint("destination", destinationDefault);
                    String ex = e.optional("expire_at");
                    edges.add(new EdgeSpec(s, d, ex == null ? defaultExpiry : expiry(ex, e.where() + ": expire_at")));
                }
                if (edges.isEmpty()) {
                    throw new UsageException(file + ": no edges to create");
                }
            } else {
                if (source == null || destination == null) {
                    throw new UsageException("give --source TYPE:ID and --destination TYPE:ID (or --file FILE)");
                }
                edges.add(new EdgeSpec(nodeInput(source, "--source", sourceDefault, "--source-resource-id"),
                        nodeInput(destination, "--destination", destinationDefault, "--destination-resource-id"),
                        defaultExpiry));
            }
            MonteCarloApi api = ValidateCommand.connect(env, apiEndpoint);
            PrintWriter out = root.out();
            PrintWriter err = root.err();
            int done = 0;
            for (EdgeSpec e : edges) {
                MonteCarloApi.LineageEdge created;
                String label = e.source.objectType() + ":" + e.source.objectId() + " -> "
                        + e.destination.objectType() + ":" + e.destination.objectId();
                try {
                    created = api.createOrUpdateLineageEdge(e.source, e.destination,
                            e.expireAt == null ? MonteCarloApi.PERMANENT : e.expireAt);
                } catch (GraphqlException ex) {
                    throw stopped(ex, "edge " + label, done, edges.size(), "edges");
                }
                done++;
                out.println(created.source().mcon() + " -> " + created.destination().mcon());
                out.flush();
                err.println("edge " + label + ": " + lifetime(created.expireAt(), e.expireAt));
            }
            if (edges.size() > 1) {
                err.println("created or updated " + plural(done, "lineage edge"));
            }
            err.flush();
            return ExitCodes.OK;
        }
    }

    static final class SourceResource {
        @Option(names = "--source-resource-id", required = true, paramLabel = "UUID",
                description = "Resource (warehouse) UUID of the source node.")
        String id;

        @Option(names = "--source-resource-name", required = true, paramLabel = "N",
                description = "Resource (warehouse) name of the source node.")
        String name;
    }

    static final class DestinationResource {
        @Option(names = "--destination-resource-id", required = true, paramLabel = "UUID",
                description = "Resource (warehouse) UUID of the destination node.")
        String id;

        @Option(names = "--destination-resource-name", required = true, paramLabel = "N",
                description = "Resource (warehouse) name of the destination node.")
        String name;
    }

    private record EdgeSpec(MonteCarloApi.NodeInput source, MonteCarloApi.NodeInput destination, String expireAt) {
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** {@code TYPE:ID} split at the first colon, with the end's resource ({id, name}). */
    static MonteCarloApi.NodeInput nodeInput(String typeAndId, String what, String[] resource, String resourceFlag) {
        int colon = typeAndId.indexOf(':');
        if (colon <= 0 || colon == typeAndId.length() - 1) {
            throw new UsageException(what + " '" + typeAndId + "' is not TYPE:ID (e.g. table:analytics:public.orders "
                    + "or report:weekly_kpis)");
        }
        if (resource[0] == null && resource[1] == null) {
            throw new UsageException("no resource for " + what + " " + typeAndId + ": pass " + resourceFlag
                    + " UUID (or the -name variant), --resource-uuid UUID, or set " + Environment.RESOURCE_UUID);
        }
        return new MonteCarloApi.NodeInput(typeAndId.substring(0, colon).strip(), typeAndId.substring(colon + 1).strip(),
                resource[0], resource[1]);
    }

    /** {@code 1 node}, {@code 2 nodes}; {@code batch} becomes {@code batches}. */
    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("ch") ? "es" : "s");
    }

    private static String envUuid(Environment env) {
        String v = env.get(Environment.RESOURCE_UUID);
        return v == null ? null : checkUuid(v, Environment.RESOURCE_UUID);
    }

    static String checkUuid(String value, String what) {
        if (value == null) {
            throw new UsageException(what + " is empty; give a UUID");
        }
        try {
            UUID.fromString(value);
            if (value.length() == 36) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new UsageException(what + " '" + value + "' is not a UUID");
    }

    private static String checkMcon(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new UsageException(what + ": empty MCON");
        }
        if (!value.strip().startsWith("MCON++")) {
            throw new UsageException(what + " '" + value + "' is not an MCON (they start with MCON++)");
        }
        return value.strip();
    }

    /**
     * The {@code expireAt} to send: a date or date-time as given (checked, and in the future), or a
     * duration from now as an instant. Null never: the caller sends {@link MonteCarloApi#PERMANENT}.
     */
    static String expiry(String text, String what) {
        String t = text.strip();
        Instant at;
        String send = t;
        try {
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                at = LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } else if (t.contains("T")) {
                at = OffsetDateTime.parse(t).toInstant();
            } else {
                Duration d = Durations.parse(t);
                if (d.isNegative() || d.isZero()) {
                    throw new UsageException(what + " '" + text + "' must lie in the future");
                }
                at = Instant.now().plus(d).truncatedTo(ChronoUnit.SECONDS);
                send = at.toString();
            }
        } catch (DateTimeParseException | CommandLine.TypeConversionException e) {
            throw new UsageException(what + " '" + text + "' is not a date (2027-01-31), a date-time "
                    + "(2027-01-31T12:00:00Z) or a duration (30d)");
        }
        if (!at.isAfter(Instant.now())) {
            throw new UsageException(what + " '" + text + "' lies in the past; it must lie in the future");
        }
        return send;
    }

    private static String lifetime(String answered, String asked) {
        boolean permanent = asked == null || (answered != null && answered.startsWith("9999-12-31"));
        return permanent ? "permanent (expireAt " + (answered == null ? MonteCarloApi.PERMANENT : answered) + ")"
                : "expires at " + (answered == null ? asked : answered);
    }

    /** A GraphQL failure part way through a list: say what was done, keep the API's message. */
    private static GraphqlException stopped(GraphqlException e, String item, int done, int total, String noun) {
        if (total == 1) {
            return e;
        }
        return new GraphqlException(item + ": " + e.getMessage() + " (" + done + " of " + total + " " + noun
                + " were done before it; rerunning is safe)", e.status(), e.errors(), e);
    }

    // ---- bulk files ---------------------------------------------------------------------------

    /** One entry of a bulk file, with its position for messages. */
    static final class Entry {
        private final String where;
        private final JsonNode node;

        Entry(String where, JsonNode node) {
            this.where = where;
            this.node = node;
        }

        String where() {
            return where;
        }

        UsageException problem(String message) {
            return new UsageException(where + ": " + message);
        }

        /** Rejects keys other than {@code names} (camelCase spellings of them are accepted). */
        void allow(String... names) {
            if (!node.isObject()) {
                throw problem("expected an object, got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            Set<String> known = Set.of(names);
            Iterator<String> it = node.fieldNames();
            while (it.hasNext()) {
                String key = it.next();
                if (!known.contains(snake(key))) {
                    throw problem("unknown field '" + key + "' (expected " + String.join(", ", names) + ")");
                }
            }
        }

        private JsonNode get(String name) {
            JsonNode v = node.get(name);
            if (v == null) {
                Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (snake(f.getKey()).equals(name)) {
                        return f.getValue();
                    }
                }
            }
            return v;
        }

        String optional(String name) {
            JsonNode v = get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw problem(name + ": expected a non-empty string");
            }
            return v.asText().strip();
        }

        String required(String name) {
            String v = optional(name);
            if (v == null) {
                throw problem(name + " is required");
            }
            return v;
        }

        /** The MCON of an entry that is a string or an object with {@code mcon}. */
        String mconOrText() {
            if (node.isTextual()) {
                return node.asText();
            }
            allow("mcon");
            return required("mcon");
        }

        /** A {@code source}/{@code destination} given as "TYPE:ID" or as an object. */
        MonteCarloApi.NodeInput endpoint(String role, String[] fallback) {
            JsonNode v = get(role);
            if (v == null || v.isNull()) {
                throw problem(role + " is required");
            }
            String id = optional(role + "_resource_id");
            String name = optional(role + "_resource_name");
            if (v.isObject()) {
                Entry inner = new Entry(where + ": " + role, v);
                inner.allow("object_type", "object_id", "resource_id", "resource_name");
                if (id == null && name == null) {
                    id = inner.optional("resource_id");
                    name = inner.optional("resource_name");
                }
                if (id != null && name != null) {
                    throw problem(role + ": give resource_id or resource_name, not both");
                }
                String[] resource = id == null && name == null ? fallback : new String[] {id, name};
                if (resource[0] == null && resource[1] == null) {
                    throw problem("no resource for the " + role + ": give " + role + "_resource_id or "
                            + role + "_resource_name, pass --resource-uuid, or set " + Environment.RESOURCE_UUID);
                }
                return new MonteCarloApi.NodeInput(inner.required("object_type"), inner.required("object_id"),
                        resource[0] == null ? null : checkUuid(resource[0], where + ": " + role + " resource_id"),
                        resource[1]);
            }
            if (!v.isTextual()) {
                throw problem(role + ": expected \"TYPE:ID\" or an object");
            }
            if (id != null && name != null) {
                throw problem("give " + role + "_resource_id or " + role + "_resource_name, not both");
            }
            String[] resource = id == null && name == null ? fallback
                    : new String[] {id == null ? null : checkUuid(id, where + ": " + role + "_resource_id"), name};
            return nodeInput(v.asText(), where + ": " + role, resource, role + "_resource_id");
        }

        private static String snake(String key) {
            StringBuilder b = new StringBuilder();
            for (char c : key.toCharArray()) {
                if (Character.isUpperCase(c)) {
                    b.append('_').append(Character.toLowerCase(c));
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }

    /** Reads a JSON or YAML bulk file: a top-level array, or an object whose {@code key} holds the array. */
    static final class BulkFile {
        private BulkFile() {
        }

        static List<Entry> read(Path file, String key) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
            JsonNode root;
            try {
                root = (yaml ? YAML : JSON).readTree(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                throw new UsageException(file + " does not exist");
            } catch (JsonProcessingException e) {
                throw new UsageException(file + ": not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")"));
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e.getMessage());
            }
            String prefix = file.toString();
            JsonNode array = root;
            if (root != null && root.isObject()) {
                array = root.get(key);
                if (array == null) {
                    throw new UsageException(file + ": expected an array or an object with \"" + key + "\"");
                }
                prefix = prefix + ": " + key;
            }
            if (array == null || !array.isArray()) {
                throw new UsageException(file + ": expected an array" + (root != null && root.isObject()
                        ? " in \"" + key + "\"" : " or an object with \"" + key + "\""));
            }
            List<Entry> out = new ArrayList<>();
            int i = 0;
            for (JsonNode n : array) {
                out.add(new Entry(prefix + "[" + i++ + "]", n));
            }
            return out;
        }
    }
}
