package io.mcpush.cli;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.graphql.MonteCarloApi;
import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.RelationalAsset;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mcpush tables delete}: deletes push-ingested tables, which Monte Carlo never deletes by
 * itself. Resolves every table to its MCON first, shows the list, and deletes only with
 * {@code --yes}; at most {@link MonteCarloApi#MAX_MCONS_PER_DELETE} MCONs go into one mutation.
 */
@Command(name = "tables", mixinStandardHelpOptions = true,
        description = "Manage push-ingested tables through Monte Carlo's GraphQL API.",
        subcommands = {TablesCommand.Delete.class, TablesCommand.Prune.class},
        footer = {"", "Example:", "  mcpush tables delete --manifest examples/metadata.jsonl   # dry run"})
final class TablesCommand implements Callable<Integer> {
    @ParentCommand
    McpushCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: delete or prune");
    }


    /** One table asked for: by MCON, or by full table id within a resource. */
    record Wanted(String mcon, String fullTableId, String dwId) {
        String label() {
            return mcon != null ? mcon : fullTableId;
        }
    }

    /**
     * Resolves every table to its MCON, lists them, and deletes them when {@code yes} (at most
     * {@link MonteCarloApi#MAX_MCONS_PER_DELETE} per mutation); a dry run otherwise. Exit 1 when a
     * table cannot be resolved.
     */
    static int deleteTables(McpushCommand root, MonteCarloApi api, java.util.Collection<Wanted> wanted, boolean yes) {
        PrintWriter out = root.out();
        PrintWriter err = root.err();
        // resolve first: deletion is all-or-nothing per mutation, so one unknown MCON would fail a whole batch
        Map<String, String> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Wanted w : wanted) {
            MonteCarloApi.Table t = w.mcon() != null ? api.getTableByMcon(w.mcon())
                    : api.getTable(w.fullTableId(), w.dwId());
            if (t == null) {
                missing.add(w.label());
            } else {
                found.putIfAbsent(t.mcon(), t.fullTableId() != null ? t.fullTableId() : w.label());
            }
        }
        for (String m : missing) {
            err.println("not found: " + m + " (not a push-ingested table of this account, or already deleted)");
        }
        err.flush();
        int mutations = (found.size() + MonteCarloApi.MAX_MCONS_PER_DELETE - 1) / MonteCarloApi.MAX_MCONS_PER_DELETE;
        if (found.isEmpty()) {
            out.println("nothing to delete: none of the " + LineageCommand.plural(wanted.size(), "table")
                    + " named was found");
            out.flush();
            return ExitCodes.FAILURE;
        }
        out.println((yes ? "deleting " : "would delete ") + LineageCommand.plural(found.size(), "push-ingested table")
                + ":");
        found.forEach((mcon, id) -> out.println("  " + id + "  " + mcon));
        if (!yes) {
            out.println("dry run: " + LineageCommand.plural(found.size(), "table") + " would be deleted in "
                    + LineageCommand.plural(mutations, "mutation") + "; nothing was deleted. Rerun with --yes to "
                    + "delete them.");
            out.flush();
            return missing.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
        out.flush();
        MonteCarloApi.DeletedTables deleted = api.deletePushIngestedTables(new ArrayList<>(found.keySet()));
        out.println("deleted " + LineageCommand.plural(deleted.deletedCount(), "push-ingested table") + " in "
                + LineageCommand.plural(deleted.mutations(), "mutation")
                + (missing.isEmpty() ? "" : "; " + missing.size() + " not found"));
        out.flush();
        return missing.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete push-ingested tables (soft delete, then their lineage nodes and every edge touching "
                    + "them); irreversible.",
                    "Tables are named by MCON, by full table id (database:schema.table, in the resource of "
                            + "--resource-uuid), or as every table of a metadata or lineage manifest.",
                    "Every table is resolved to its MCON first and listed. Without --yes this is a dry run: nothing "
                            + "is deleted."},
            footer = {"", "The resource (dwId) is --resource-uuid, else $MCD_RESOURCE_UUID, else the manifest header.",
                    "At most 1,000 MCONs go into one deletePushIngestedTables mutation; longer lists are sent in "
                            + "several. Tables that cannot be resolved are reported and the exit code is 1.",
                    "Credentials: MCD_ID and MCD_TOKEN (a GraphQL API key).",
                    "Example:",
                    "  mcpush tables delete --manifest examples/metadata.jsonl         # dry run",
                    "  mcpush tables delete --manifest examples/metadata.jsonl --yes",
                    "  mcpush tables delete --full-table-id SHOP:RAW.ORDERS \\",
                    "      --resource-uuid 4f1c9b2e-6d7a-4e3b-9c21-0d5e8f7a6b10 --yes"})
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        TablesCommand tables;

        @Option(names = "--mcon", paramLabel = "M", description = "A table's MCON (repeatable).")
        List<String> mcons = new ArrayList<>();

        @Option(names = "--full-table-id", paramLabel = "DB:SCHEMA.TABLE", description = "A table by full table id "
                + "(repeatable).")
        List<String> fullTableIds = new ArrayList<>();

        @Option(names = "--manifest", paramLabel = "FILE",
                description = "Every table of this metadata or lineage manifest (repeatable).")
        List<Path> manifests = new ArrayList<>();

        @Option(names = "--resource-uuid", paramLabel = "UUID",
                description = "The warehouse (dwId) of full table ids (default: $MCD_RESOURCE_UUID, else the manifest "
                        + "header).")
        String resourceUuid;

        @Option(names = "--yes", description = "Really delete (without it: dry run).")
        boolean yes;

        @Option(names = "--api-endpoint", paramLabel = "URL",
                description = "GraphQL URL (default: $MCD_API_ENDPOINT, else https://api.getmontecarlo.com/graphql).")
        URI apiEndpoint;

        @Override
        public Integer call() {
            McpushCommand root = tables.parent;
            Environment env = root.env();
            if (mcons.isEmpty() && fullTableIds.isEmpty() && manifests.isEmpty()) {
                throw new UsageException("name the tables: --mcon M, --full-table-id DB:SCHEMA.TABLE or --manifest FILE "
                        + "(each repeatable)");
            }
            String flagUuid = resourceUuid != null ? LineageCommand.checkUuid(resourceUuid, "--resource-uuid")
                    : env.get(Environment.RESOURCE_UUID) == null ? null
                    : LineageCommand.checkUuid(env.get(Environment.RESOURCE_UUID), Environment.RESOURCE_UUID);
            Set<Wanted> wanted = new LinkedHashSet<>();
            for (String m : mcons) {
                if (!m.strip().startsWith("MCON++")) {
                    throw new UsageException("--mcon '" + m + "' is not an MCON (they start with MCON++)");
                }
                wanted.add(new Wanted(m.strip(), null, null));
            }
            for (String id : fullTableIds) {
                if (!isFullTableId(id)) {
                    throw new UsageException("--full-table-id '" + id + "' is not database:schema.table");
                }
                if (flagUuid == null) {
                    throw new UsageException("no resource UUID for --full-table-id " + id + ": pass --resource-uuid "
                            + "UUID or set " + Environment.RESOURCE_UUID);
                }
                wanted.add(new Wanted(null, id.strip(), flagUuid));
            }
            for (Path manifest : manifests) {
                wanted.addAll(tablesOf(manifest, flagUuid));
            }

            MonteCarloApi api = ValidateCommand.connect(env, apiEndpoint);
            return deleteTables(root, api, wanted, yes);
        }

        private static boolean isFullTableId(String id) {
            int colon = id.indexOf(':');
            int dot = id.indexOf('.', colon + 1);
            return colon > 0 && dot > colon + 1 && dot < id.length() - 1;
        }

        /** The tables of a metadata manifest (its assets) or lineage manifest (destinations and sources). */
        private static List<Wanted> tablesOf(Path manifest, String flagUuid) {
            if (!Files.exists(manifest)) {
                throw new UsageException("manifest " + manifest + " does not exist");
            }
            List<Wanted> out = new ArrayList<>();
            try (ManifestReader reader = ManifestReader.open(manifest, true)) {
                Flow flow = reader.header().flow();
                if (flow == Flow.QUERY_LOGS) {
                    throw new UsageException(manifest + " is a query-log manifest; it pushes no tables (delete with "
                            + "the metadata or lineage manifest)");
                }
                String dwId = flagUuid != null ? flagUuid : reader.header().resourceUuid();
                if (dwId == null) {
                    throw new UsageException("no resource UUID for " + manifest + ": pass --resource-uuid, set "
                            + Environment.RESOURCE_UUID + ", or use a manifest whose header has resource_uuid");
                }
                ManifestEvent ev;
                while ((ev = reader.next()) != null) {
                    if (ev.event() instanceof RelationalAsset a) {
                        out.add(new Wanted(null, MonteCarloApi.fullTableId(a.metadata().database(),
                                a.metadata().schema(), a.metadata().name()), dwId));
                    } else if (ev.event() instanceof LineageEvent l) {
                        out.add(ref(l.destination(), dwId));
                        l.sources().forEach(s -> out.add(ref(s, dwId)));
                    }
                }
            }
            return out;
        }

        private static Wanted ref(LineageAssetRef r, String dwId) {
            return new Wanted(null, MonteCarloApi.fullTableId(r.database(), r.schema(), r.name()), dwId);
        }
    }

    /** The tables of a metadata manifest, in manifest order, and the resource its header names. */
    record Snapshot(Path manifest, String headerUuid, java.time.Instant collectedAt, List<String> fullTableIds) {
        static Snapshot read(Path manifest) {
            if (!Files.isRegularFile(manifest)) {
                throw new UsageException("manifest " + manifest + " does not exist or is not a file");
            }
            Set<String> ids = new LinkedHashSet<>();
            try (ManifestReader reader = ManifestReader.open(manifest, true)) {
                if (reader.header().flow() != Flow.METADATA) {
                    throw new UsageException(manifest + ":1: flow: prune compares metadata manifests, not "
                            + reader.header().flow().manifestName());
                }
                ManifestEvent ev;
                while ((ev = reader.next()) != null) {
                    RelationalAsset a = (RelationalAsset) ev.event();
                    ids.add(MonteCarloApi.fullTableId(a.metadata().database(), a.metadata().schema(),
                            a.metadata().name()));
                }
                String collected = reader.header().collectedAt();
                return new Snapshot(manifest, reader.header().resourceUuid(),
                        collected == null ? null : io.mcpush.sdk.Timestamps.parseZoned(collected), List.copyOf(ids));
            }
        }
    }

    /**
     * Deletes the tables of {@code previous} that {@code current} lacks, in resource {@code dwId}:
     * refused (exit 2, nothing deleted) when that is more than {@code maxDeletePercent} of the
     * previous tables; a dry run unless {@code yes}.
     */
    static int prune(McpushCommand root, URI apiEndpoint, Snapshot previous, Snapshot current, String dwId,
            double maxDeletePercent, boolean yes) {
        Set<String> now = new java.util.HashSet<>(current.fullTableIds());
        List<Wanted> gone = new ArrayList<>();
        for (String id : previous.fullTableIds()) {
            if (!now.contains(id)) {
                gone.add(new Wanted(null, id, dwId));
            }
        }
        PrintWriter out = root.out();
        if (gone.isEmpty()) {
            out.println("nothing to prune: every one of the " + LineageCommand.plural(previous.fullTableIds().size(),
                    "table") + " of " + previous.manifest() + " is in " + current.manifest());
            out.flush();
            return ExitCodes.OK;
        }
        double percent = 100.0 * gone.size() / previous.fullTableIds().size();
        if (percent > maxDeletePercent) {
            throw new UsageException(String.format(java.util.Locale.ROOT, "pruning would delete %d of the %d tables "
                    + "of %s (%.1f %%), over --max-delete %s %%: a broken or filtered collection must never wipe the "
                    + "catalog, so nothing was deleted (check %s; raise --max-delete if the tables really were "
                    + "dropped)", gone.size(), previous.fullTableIds().size(), previous.manifest(), percent,
                    stripZeros(maxDeletePercent), current.manifest()));
        }
        out.printf(java.util.Locale.ROOT, "%s of %s %s gone from %s (%.1f %% of %d, within --max-delete %s %%)%n",
                LineageCommand.plural(gone.size(), "table"), previous.manifest(), gone.size() == 1 ? "is" : "are",
                current.manifest(), percent, previous.fullTableIds().size(), stripZeros(maxDeletePercent));
        out.flush();
        MonteCarloApi api = ValidateCommand.connect(root.env(), apiEndpoint);
        return deleteTables(root, api, gone, yes);
    }

    private static String stripZeros(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The resource of a prune: the flag, else the environment, else the manifests' headers (which must agree). */
    static String pruneResource(Environment env, String flag, Snapshot previous, Snapshot current) {
        if (previous.headerUuid() != null && current.headerUuid() != null
                && !previous.headerUuid().equals(current.headerUuid())) {
            throw new UsageException(previous.manifest() + " and " + current.manifest() + " are of different resources ("
                    + previous.headerUuid() + ", " + current.headerUuid() + "): prune compares two collections of "
                    + "one resource");
        }
        String uuid = flag != null ? flag : env.get(Environment.RESOURCE_UUID) != null
                ? env.get(Environment.RESOURCE_UUID) : previous.headerUuid() != null ? previous.headerUuid()
                : current.headerUuid();
        if (uuid == null) {
            throw new UsageException("no resource UUID: pass --resource-uuid, set " + Environment.RESOURCE_UUID
                    + ", or use manifests whose header has resource_uuid");
        }
        return LineageCommand.checkUuid(uuid, "the resource UUID");
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Delete the push-ingested tables that were dropped in the warehouse: exactly the tables of "
                    + "the previous metadata manifest that the current one lacks (Monte Carlo never deletes pushed "
                    + "tables by itself).",
                    "Refused (exit 2, nothing deleted) when that is more than --max-delete of the previous tables: a "
                            + "broken or filtered collection must never wipe the catalog. Without --yes this is a dry "
                            + "run that lists the tables."},
            footer = {"", "At most 1,000 MCONs go into one deletePushIngestedTables mutation.",
                    "Credentials: MCD_ID and MCD_TOKEN (a GraphQL API key). run metadata --prune does the same after "
                            + "each complete metadata push.",
                    "Example:",
                    "  mcpush tables prune --previous yesterday.jsonl --current today.jsonl          # dry run",
                    "  mcpush tables prune --previous yesterday.jsonl --current today.jsonl --yes"})
    static final class Prune implements Callable<Integer> {
        @ParentCommand
        TablesCommand tables;

        @Option(names = "--previous", required = true, paramLabel = "OLD", description = "The metadata manifest pushed before.")
        Path previous;

        @Option(names = "--current", required = true, paramLabel = "NEW", description = "The metadata manifest pushed now.")
        Path current;

        @Option(names = "--max-delete", paramLabel = "PCT", defaultValue = "10",
                description = "Refuse to delete more than this percentage of the previous tables (default: ${DEFAULT-VALUE}).")
        double maxDelete;

        @Option(names = "--resource-uuid", paramLabel = "UUID",
                description = "The warehouse (dwId) (default: $MCD_RESOURCE_UUID, else the manifests' header).")
        String resourceUuid;

        @Option(names = "--yes", description = "Really delete (without it: dry run).")
        boolean yes;

        @Option(names = "--api-endpoint", paramLabel = "URL",
                description = "GraphQL URL (default: $MCD_API_ENDPOINT, else https://api.getmontecarlo.com/graphql).")
        URI apiEndpoint;

        @Override
        public Integer call() {
            McpushCommand root = tables.parent;
            if (!(maxDelete >= 0 && maxDelete <= 100)) {
                throw new UsageException("--max-delete must be a percentage from 0 to 100, not " + maxDelete);
            }
            Snapshot old = Snapshot.read(previous);
            Snapshot now = Snapshot.read(current);
            String dwId = pruneResource(root.env(), resourceUuid, old, now);
            return prune(root, apiEndpoint, old, now, dwId, maxDelete, yes);
        }
    }
}
