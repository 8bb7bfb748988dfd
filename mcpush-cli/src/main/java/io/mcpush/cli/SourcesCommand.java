package io.mcpush.cli;

import io.mcpush.source.Capability;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOption;
import io.mcpush.source.SourceRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "List every source with what it collects, its options and the grants its user needs.")
final class SourcesCommand implements Callable<Integer> {
    @ParentCommand
    McpushCommand parent;

    @Override
    public Integer call() {
        PrintWriter out = parent.out();
        SourceRegistry registry = SourceRegistry.load(SourcesCommand.class.getClassLoader());
        if (registry.all().isEmpty()) {
            out.println("no sources are installed");
        }
        boolean first = true;
        for (SourceFactory f : registry.all()) {
            if (!first) {
                out.println();
            }
            first = false;
            out.printf("%s — %s%n", f.type(), f.description());
            out.printf("  collects: %s%n", f.capabilities().stream().sorted().map(Capability::label)
                    .collect(Collectors.joining(", ")));
            out.printf("  resource_type: %s%n", f.resourceType());
            out.println("  options:");
            int width = f.options().stream().mapToInt(o -> label(o).length()).max().orElse(0);
            for (SourceOption o : f.options()) {
                out.printf("    %-" + width + "s  %s%s%n", label(o), o.required() ? "(required) " : "", o.description());
            }
            out.println("  grants:");
            f.grants().forEach(g -> out.println("    " + g));
            if (!f.notes().isEmpty()) {
                out.println("  notes:");
                f.notes().forEach(n -> out.println("    " + n));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String label(SourceOption o) {
        return o.flag() ? o.cliName() : o.cliName() + " " + o.paramLabel();
    }
}
