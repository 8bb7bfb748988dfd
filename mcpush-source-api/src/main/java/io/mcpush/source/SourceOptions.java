package io.mcpush.source;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.push.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The options one source was given (from flags or the config file) as bare keys such as
 * {@code jdbc-url}, with the environment to resolve {@code password-env}. Typed getters turn
 * a bad value into a {@link SourceConfigException} naming the option. Immutable.
 */
public final class SourceOptions {
    private final String sourceType;
    private final Map<String, String> values;
    private final Function<String, String> environment;
    private final Path stateDir;

    public SourceOptions(String sourceType, Map<String, String> values, Function<String, String> environment) {
        this(sourceType, values, environment, null);
    }

    /**
     * @param stateDir the {@code --state-dir} the user gave, or null for the default
     *                 ({@link WatermarkStore#defaultDir()})
     */
    public SourceOptions(String sourceType, Map<String, String> values, Function<String, String> environment,
            Path stateDir) {
        this.sourceType = requireNonNull(sourceType, "sourceType is null");
        this.values = new TreeMap<>(requireNonNull(values, "values is null"));
        this.environment = requireNonNull(environment, "environment is null");
        this.stateDir = stateDir;
    }

    public static SourceOptions of(String sourceType, Map<String, String> values) {
        return new SourceOptions(sourceType, values, System::getenv);
    }

    public String sourceType() {
        return sourceType;
    }

    /**
     * The state directory of this run ({@code --state-dir}, else {@code ~/.mcpush/state}): where
     * watermarks are kept, and where a source keeps state of its own between runs (e.g.
     * PostgreSQL's modification counters).
     */
    public Path stateDir() {
        return stateDir != null ? stateDir : WatermarkStore.defaultDir();
    }

    /** Keys that were given. */
    public java.util.Set<String> keys() {
        return java.util.Collections.unmodifiableSet(values.keySet());
    }

    /** Refuses any key the source does not take, and several values for an option it takes once. */
    public void checkKnown(Collection<SourceOption> known) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            SourceOption option = known.stream().filter(o -> o.name().equals(key)).findFirst().orElse(null);
            if (option == null) {
                throw new SourceConfigException(key, "--" + key + " is not an option of source " + sourceType
                        + " (see: mcpush sources)");
            }
            if (!option.repeatable() && e.getValue() != null && e.getValue().strip().contains("\n")) {
                throw new SourceConfigException(key, "--" + key + " takes one value for source " + sourceType);
            }
        }
    }

    /** The value, or null when not given (blank counts as not given). */
    public String get(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * Every value of a repeatable option ({@code --log-file A --log-file B}; the CLI joins repeated
     * values with a newline, a config file may give a list the same way); empty when not given.
     */
    public java.util.List<String> values(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return java.util.List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String part : v.split("\n")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return java.util.List.copyOf(out);
    }

    public String get(String key, String defaultValue) {
        String v = get(key);
        return v == null ? defaultValue : v;
    }

    public String required(String key) {
        String v = get(key);
        if (v == null) {
            throw new SourceConfigException(key, "source " + sourceType + " needs --" + key);
        }
        return v;
    }

    /** A switch: absent is false; {@code true}/{@code false} (any case) when given a value. */
    public boolean flag(String key) {
        String v = values.get(key);
        if (v == null) {
            return false;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("true") || t.equals("yes")) {
            return true;
        }
        if (t.equals("false") || t.equals("no")) {
            return false;
        }
        throw new SourceConfigException(key, "--" + key + " must be true or false, not '" + v + "'");
    }

    public int positiveInt(String key, int defaultValue) {
        String v = get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SourceConfigException(key, "--" + key + " must be a positive whole number, not '" + v + "'");
    }

    /** A regular expression matched against whole names; null when not given. */
    public Pattern pattern(String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(v);
        } catch (PatternSyntaxException e) {
            throw new SourceConfigException(key, "--" + key + " is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /**
     * The password from {@code password-env} (the name of an environment variable) or
     * {@code password-file} (the first line of a file), never from a value on the command line;
     * null when neither is given.
     */
    public Secret password() {
        if (values.containsKey("password")) {
            throw new SourceConfigException("password", "a password is never taken as a value: use --password-env VAR "
                    + "(the name of an environment variable) or --password-file FILE");
        }
        String env = get("password-env");
        String file = get("password-file");
        if (env != null && file != null) {
            throw new SourceConfigException("password-env", "give --password-env or --password-file, not both");
        }
        if (env != null) {
            String value = environment.apply(env);
            if (value == null || value.isEmpty()) {
                throw new SourceConfigException("password-env", "environment variable " + env
                        + " named by --password-env is not set");
            }
            return new Secret(value);
        }
        if (file != null) {
            String text;
            try {
                text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new SourceConfigException("password-file", "password file " + file + " does not exist");
            } catch (IOException e) {
                throw new SourceConfigException("password-file", "cannot read password file " + file + ": "
                        + e.getClass().getSimpleName());
            }
            int eol = text.indexOf('\n');
            String line = (eol < 0 ? text : text.substring(0, eol));
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw new SourceConfigException("password-file", "password file " + file + " is empty");
            }
            return new Secret(line);
        }
        return null;
    }

    /**
     * A secret read from the environment variable that option {@code key} names (such as
     * {@code token-env} or {@code private-key-passphrase-env}), never from a flag value; null when
     * the option is not given.
     *
     * @throws SourceConfigException naming {@code key} when the variable is unset or empty
     */
    public Secret secretFromEnv(String key) {
        String env = get(key);
        if (env == null) {
            return null;
        }
        String value = environment.apply(env);
        if (value == null || value.isEmpty()) {
            throw new SourceConfigException(key, "environment variable " + env + " named by --" + key + " is not set");
        }
        return new Secret(value);
    }

    /** The keys and values with the password options' targets named but never read. */
    @Override
    public String toString() {
        return sourceType + " " + values.keySet();
    }
}
