package io.mcpush.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the CLI like {@link Cli}, with {@code collect}, {@code run} and {@code sources} added
 * when the root command does not register them yet.
 */
final class SourceCli {
    private SourceCli() {
    }

    static Cli.Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = McpushCommand.createCommandLine(env, o, e);
        for (Object command : List.of(new CollectCommand(), new RunCommand(), new SourcesCommand())) {
            String name = command.getClass().getAnnotation(CommandLine.Command.class).name();
            if (!cl.getSubcommands().containsKey(name)) {
                cl.addSubcommand(name, new CommandLine(command));
            }
        }
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return new Cli.Run(code, out.toString(), err.toString());
    }
}
