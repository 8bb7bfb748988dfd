package io.mcpush.cli;

import io.mcpush.sdk.McpushException;
import io.mcpush.sdk.manifest.ManifestException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "mcpush", mixinStandardHelpOptions = true, versionProvider = McpushCommand.Version.class,
        description = "Push warehouse metadata, lineage and query logs into Monte Carlo.",
        subcommands = {CollectCommand.class, PushCommand.class, RunCommand.class, ValidateCommand.class,
                LineageCommand.class, TablesCommand.class, DoctorCommand.class, SourcesCommand.class,
                ResourcesCommand.class, SqlCommand.class, EmulatorCommand.class,
                StatusCommand.class, DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure at run time, 2 usage or input error (nothing was sent)."})
public final class McpushCommand {
    private final Environment env;
    private final PrintWriter out;
    private final PrintWriter err;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces and debug logs.")
    boolean debug;

    McpushCommand(Environment env, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    Environment env() {
        return env;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /**
     * The message for a bad command line. An unknown option's value is never repeated: it may be
     * a secret typed as {@code --token VALUE} (picocli would list it among the unmatched arguments).
     */
    static String parameterMessage(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            java.util.List<String> options = new java.util.ArrayList<>();
            for (String arg : u.getUnmatched()) {
                if (arg.startsWith("-")) {
                    int eq = arg.indexOf('=');
                    options.add(eq < 0 ? arg : arg.substring(0, eq));
                }
            }
            if (!options.isEmpty()) {
                return (options.size() == 1 ? "unknown option " : "unknown options ") + String.join(", ", options)
                        + " (values not shown)";
            }
            return "unexpected argument" + (u.getUnmatched().size() == 1 ? "" : "s") + " (not shown: they may hold "
                    + "secrets)";
        }
        return ex.getMessage();
    }

    /** The command line used by {@link Main} and by tests. */
    public static CommandLine createCommandLine(java.util.Map<String, String> environment, PrintWriter out,
            PrintWriter err) {
        McpushCommand root = new McpushCommand(new Environment(environment), out, err);
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine bad = ex.getCommandLine();
            err.println("error: " + parameterMessage(ex));
            err.println("see: " + bad.getCommandSpec().qualifiedName() + " --help");
            err.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = root.debug;
            int code;
            String message;
            if (ex instanceof UsageException || ex instanceof ManifestException) {
                code = ExitCodes.USAGE;
                message = ex.getMessage();
            } else if (ex instanceof McpushException || ex instanceof UncheckedIOException) {
                code = ExitCodes.FAILURE;
                message = ex.getMessage();
            } else if (ex instanceof CommandLine.ParameterException) {
                code = ExitCodes.USAGE;
                message = ex.getMessage();
            } else {
                code = ExitCodes.FAILURE;
                message = "unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                        + (debug ? "" : " (run with --debug for details)");
            }
            err.println("error: " + message);
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        return cl;
    }

    /** Reads the version Maven put into the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = McpushCommand.class.getPackage().getImplementationVersion();
            return new String[] {"mcpush " + (v == null ? "(development build)" : v)};
        }
    }
}
