package io.mcpush.cli;

import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOption;
import io.mcpush.source.SourceRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Offers every registered source's options as flags of {@code collect} and {@code run}
 * ({@code --jdbc-url URL}, {@code --only-freshness-and-volume}), so a new source module brings
 * its options with it and nothing in the CLI changes. An option several sources share appears
 * once. Which of them the chosen source accepts is checked when it is created.
 */
final class SourceOptionsTransformer implements CommandLine.IModelTransformer {
    /** Marks the added options so that {@link #given} finds them. */
    static final String GROUP_HEADING = "Source options (see: mcpush sources):";

    @Override
    public CommandSpec transform(CommandSpec spec) {
        Map<String, SourceOption> all = new LinkedHashMap<>();
        for (SourceFactory f : SourceRegistry.load(SourceOptionsTransformer.class.getClassLoader()).all()) {
            for (SourceOption o : f.options()) {
                // shared by several sources: repeatable when any of them repeats it (the others take the first value)
                all.merge(o.name(), o, (first, other) -> !first.repeatable() && other.repeatable() ? other : first);
            }
        }
        if (spec.findOption("--password") == null) {
            // taken only to refuse it: picocli would echo the value of an unknown option in its error
            spec.addOption(OptionSpec.builder("--password").hidden(true).type(String.class).arity("0..1")
                    .description("Refused: a password is never a flag value.").descriptionKey(GROUP_HEADING).build());
        }
        for (SourceOption o : all.values()) {
            if (spec.findOption(o.cliName()) != null) {
                continue;
            }
            OptionSpec.Builder b = OptionSpec.builder(o.cliName())
                    .description(o.description())
                    .descriptionKey(GROUP_HEADING);
            if (o.flag()) {
                b.type(boolean.class).arity("0");
            } else if (o.repeatable()) {
                b.type(String[].class).arity("1").paramLabel(o.paramLabel());
            } else {
                b.type(String.class).paramLabel(o.paramLabel());
            }
            spec.addOption(b.build());
        }
        return spec;
    }

    /**
     * The source options given on the command line, as bare keys; flags as {@code "true"}, the
     * values of a repeatable option joined with newlines (see SourceOptions.values).
     */
    static Map<String, String> given(CommandSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (!GROUP_HEADING.equals(o.descriptionKey()) || o.originalStringValues().isEmpty()) {
                continue;
            }
            String key = o.longestName().substring(2);
            Object v = o.getValue();
            out.put(key, v instanceof Boolean b ? Boolean.toString(b)
                    : v instanceof String[] many ? String.join("\n", many) : String.valueOf(v));
        }
        return out;
    }
}
