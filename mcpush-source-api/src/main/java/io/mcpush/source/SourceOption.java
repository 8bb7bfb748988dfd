package io.mcpush.source;

import static java.util.Objects.requireNonNull;

/**
 * One option a source takes, as {@code mcpush sources} lists it and as the CLI offers it:
 * {@code --NAME VALUE}, or {@code --NAME} alone when {@code flag}. The same key works in the
 * YAML config. {@code paramLabel} is null for flags. A {@code repeatable} option may be given
 * several times ({@code --log-file A --log-file B}); see {@link SourceOptions#values}. Immutable.
 */
public record SourceOption(String name, String paramLabel, String description, boolean required, boolean flag,
        boolean repeatable) {
    public SourceOption {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        if (name.startsWith("-") || name.isBlank()) {
            throw new IllegalArgumentException("option name '" + name + "' must be a bare key such as jdbc-url");
        }
        if (flag && required) {
            throw new IllegalArgumentException("flag --" + name + " cannot be required");
        }
        if (flag && repeatable) {
            throw new IllegalArgumentException("flag --" + name + " cannot be repeatable");
        }
    }

    public SourceOption(String name, String paramLabel, String description, boolean required, boolean flag) {
        this(name, paramLabel, description, required, flag, false);
    }

    /** An option with a value that may be given several times. */
    public static SourceOption repeatable(String name, String paramLabel, String description) {
        return new SourceOption(name, requireNonNull(paramLabel, "paramLabel is null"), description, false, false, true);
    }

    /** An option with a value. */
    public static SourceOption value(String name, String paramLabel, String description) {
        return new SourceOption(name, requireNonNull(paramLabel, "paramLabel is null"), description, false, false);
    }

    /** An option with a value that the source cannot do without. */
    public static SourceOption requiredValue(String name, String paramLabel, String description) {
        return new SourceOption(name, requireNonNull(paramLabel, "paramLabel is null"), description, true, false);
    }

    /** A switch without a value. */
    public static SourceOption flag(String name, String description) {
        return new SourceOption(name, null, description, false, true);
    }

    /** As typed on the command line: {@code --jdbc-url}. */
    public String cliName() {
        return "--" + name;
    }
}
