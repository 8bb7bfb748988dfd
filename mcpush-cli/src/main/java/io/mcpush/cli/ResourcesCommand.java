package io.mcpush.cli;

import io.mcpush.sdk.graphql.MonteCarloApi;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "resources", mixinStandardHelpOptions = true,
        description = {"List the account's warehouses (Monte Carlo resources): UUID, name and connection type.",
                "The UUID is the value for MCD_RESOURCE_UUID; the connection type is the resource_type to push with."},
        footer = {"", "Credentials: MCD_ID and MCD_TOKEN (a GraphQL API key)."})
final class ResourcesCommand implements Callable<Integer> {
    @ParentCommand
    McpushCommand parent;

    @Option(names = "--api-endpoint", paramLabel = "URL",
            description = "GraphQL URL (default: $MCD_API_ENDPOINT, else https://api.getmontecarlo.com/graphql).")
    URI apiEndpoint;

    @Override
    public Integer call() {
        MonteCarloApi api = ValidateCommand.connect(parent.env(), apiEndpoint);
        MonteCarloApi.User user = api.getUser();
        PrintWriter out = parent.out();
        if (user.warehouses().isEmpty()) {
            out.println("the account has no warehouses");
        } else {
            out.printf("%-36s  %-20s  %s%n", "UUID", "CONNECTION TYPE", "NAME");
            for (MonteCarloApi.Warehouse w : user.warehouses()) {
                out.printf("%-36s  %-20s  %s%n", w.uuid(), w.connectionType(), w.name());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
