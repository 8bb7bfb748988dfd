package io.mcpush.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by every command that pushes (push, run, demo). */
final class PushOptionsMixin {
    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Gateway base URL (default: $MCD_INGEST_ENDPOINT, else https://integrations.getmontecarlo.com).")
    URI endpoint;

    @Option(names = "--ingest-key-file", paramLabel = "FILE",
            description = "Read MCD_INGEST_ID and MCD_INGEST_TOKEN from this file (NAME=value lines) instead of the environment.")
    Path ingestKeyFile;

    @Option(names = "--resource-uuid", paramLabel = "UUID",
            description = "Monte Carlo resource (warehouse) UUID (default: $MCD_RESOURCE_UUID, else the manifest header).")
    String resourceUuid;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--max-events", paramLabel = "N",
            description = "Events per request at most (default: 50 metadata, 500 lineage, 250 query logs).")
    Integer maxEvents;

    @Option(names = "--max-compressed-bytes", paramLabel = "BYTES", defaultValue = "900000",
            description = "Gzip size of a request body at most (default: ${DEFAULT-VALUE}; the gateway's limit is 1 MiB).")
    long maxCompressedBytes;

    @Option(names = "--no-table-twins", negatable = false,
            description = "Do not also send column lineage as table-level LINEAGE events (column lineage expires after 10 days).")
    boolean noTableTwins;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = Durations.class,
            description = "Time to wait for one answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--validate", arity = "0..1", paramLabel = "WAIT", fallbackValue = "default",
            description = "After a complete push, check through GraphQL (as mcpush validate does) that everything "
                    + "pushed is visible, polling up to WAIT (default: 10m for metadata and lineage, 30m for query "
                    + "logs, which Monte Carlo shows after 15-20 minutes); exit 1 when something is still missing. "
                    + "Needs MCD_ID/MCD_TOKEN.")
    String validate;

    /** The --validate wait, or null without --validate. */
    Duration validateWait(io.mcpush.sdk.Flow flow) {
        if (validate == null) {
            return null;
        }
        if (validate.equals("default")) {
            return ValidateCommand.defaultValidateWait(flow);
        }
        try {
            return new Durations().convert(validate);
        } catch (Exception e) {
            throw new UsageException("--validate " + validate + ": not a duration such as 30s, 10m or 1h");
        }
    }

    @Option(names = "--retry-deadline", paramLabel = "DURATION", defaultValue = "10m", converter = Durations.class,
            description = "Give up retrying a request after this long (default: ${DEFAULT-VALUE}).")
    Duration retryDeadline;
}
