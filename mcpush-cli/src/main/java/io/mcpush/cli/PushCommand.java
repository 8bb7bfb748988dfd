package io.mcpush.cli;

import io.mcpush.sdk.Flow;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Push a manifest to Monte Carlo's push-ingestion gateway.",
                "The whole manifest is validated first: a bad line stops the push before anything is sent (exit 2).",
                "Every invocation id is printed; the result file lists them with each batch, and a ledger beside it "
                        + "lets a rerun resume where a failed or killed push stopped."},
        footer = {"", "Credentials: MCD_INGEST_ID and MCD_INGEST_TOKEN (an Ingestion-scope key), or --ingest-key-file.",
                "Example:", "  mcpush push metadata --manifest examples/metadata.jsonl --endpoint http://127.0.0.1:8080"})
final class PushCommand implements Callable<Integer> {
    @ParentCommand
    McpushCommand parent;

    @Parameters(index = "0", paramLabel = "FLOW", description = "metadata, lineage or query-logs")
    String flow;

    @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "The manifest (JSON Lines; .gz for gzip).")
    Path manifest;

    @Option(names = "--result", paramLabel = "FILE", description = "Where to write the result (default: <manifest>.push.json).")
    Path result;

    @Option(names = "--log-type", paramLabel = "TYPE",
            description = "Query logs: push with this log_type instead of the manifest's (must be one Monte Carlo accepts).")
    String logType;

    @Option(names = "--again", description = "Push everything anew even if the ledger says it was pushed.")
    boolean again;

    @Mixin
    PushOptionsMixin options;

    @Mixin
    StateDirMixin state;

    @Override
    public Integer call() {
        Flow f;
        try {
            f = Flow.parse(flow);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        java.time.Duration validateWait = options.validateWait(f);
        if (validateWait != null) {
            ValidateCommand.connect(parent.env(), null); // the GraphQL key is needed: a usage error now, nothing sent
        }
        PushRunner.Outcome outcome = new PushRunner(parent.env(), parent.out(), parent.err())
                .push(new PushRunner.Request(f, manifest, result, logType, again, state.resolve()), options);
        if (validateWait == null || outcome.exitCode() != ExitCodes.OK) {
            return outcome.exitCode();
        }
        return ValidateCommand.validateResult(parent, f, outcome.result().resultFile(), validateWait,
                outcome.result().push().target().resourceUuid());
    }
}
