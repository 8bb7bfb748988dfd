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
        subcommands = {TablesCommand.Delete.class},
        footer = {"", "Example:", "  mcpush tables delete --manifest examples/metadata.jsonl   # dry run"})
final class TablesCommand implements Callable<Integer> {
    @ParentCommand
    McpushCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: delete");
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

        /** One table asked for: by MCON, or by full table id within a resource. */
        private record Wanted(String mcon, String fullTableId, String dwId) {
            String label() {
                return mcon != null ? mcon : fullTableId;
            }
        }

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
}
