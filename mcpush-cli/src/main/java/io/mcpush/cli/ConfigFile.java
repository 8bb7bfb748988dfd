package io.mcpush.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The YAML config file ({@code --config mcpush.yaml}): named sources with their options, the same
 * keys as the flags ({@code jdbc-url}, {@code include-schema}, ...), and {@code ${VAR}} in any
 * value replaced by the environment variable ({@code ${VAR:-default}} when it may be unset,
 * {@code $${} for a literal {@code ${}}).
 *
 * <pre>
 * sources:
 *   analytics:              # what --source names
 *     type: postgres        # optional when the name is a source type
 *     jdbc-url: jdbc:postgresql://${PGHOST}:5432/analytics
 *     user: monte_carlo
 *     password: ${PG_PASSWORD}   # secrets only as ${VAR} (or password-env / password-file)
 *     include-schema: "mart_.*"
 *     log-file: [/var/log/postgresql/a.csv, /var/log/postgresql/b.csv]
 * </pre>
 *
 * <p>A secret key ({@code password}, {@code token}, {@code passphrase}, {@code secret} or ending so)
 * must be exactly {@code ${VAR}}: it becomes {@code <key>-env: VAR}, so the value is read by the
 * source from the environment like {@code --password-env VAR} and never held in the options. A
 * literal secret in the file is refused. Lists are the values of repeatable options. Every error
 * names the file, line and key; a variable that is not set is an error only for the source chosen.
 * Immutable.
 */
final class ConfigFile {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Pattern WHOLE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*");
    /** Separates the values of a repeatable option in one string (never part of a path or URL). */
    static final String LIST_SEPARATOR = "\n";

    /**
     * One named source: its type and options as flag keys (list values joined by {@link #LIST_SEPARATOR}).
     * {@code problem} is the first variable of the entry that the environment does not set (null when
     * none): it matters only when this source is the one chosen.
     */
    record SourceEntry(String name, String type, Map<String, String> options, UsageException problem) {
        SourceEntry {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    private final Path file;
    private final Map<String, SourceEntry> sources;

    private ConfigFile(Path file, Map<String, SourceEntry> sources) {
        this.file = file;
        this.sources = Collections.unmodifiableMap(sources);
    }

    Path file() {
        return file;
    }

    Map<String, SourceEntry> sources() {
        return sources;
    }

    /**
     * The entry {@code --source name} refers to, or null when the file has none by that name.
     *
     * @throws UsageException when the entry names an environment variable that is not set
     */
    SourceEntry source(String name) {
        SourceEntry entry = sources.get(name);
        if (entry != null && entry.problem() != null) {
            throw entry.problem();
        }
        return entry;
    }

    /**
     * Reads and checks the file; {@code env} resolves {@code ${VAR}}.
     *
     * @throws UsageException naming the file, line and key of the first problem
     */
    static ConfigFile read(Path file, Function<String, String> env) {
        requireNonNull(file, "file is null");
        requireNonNull(env, "env is null");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new UsageException("config file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new UsageException(file + ": not valid UTF-8");
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + e.getClass().getSimpleName());
        }
        try (Reader r = new java.io.StringReader(text);
                JsonParser p = new YAMLFactory().createParser(r)) {
            return new ConfigFile(file, new Walker(file, p, env).document());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr();
            throw new UsageException(file + where + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    /** True for option keys that hold secrets and may only come from the environment or a file. */
    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith("-env") || k.endsWith("-file")) {
            return false;
        }
        for (String s : List.of("password", "token", "passphrase", "secret")) {
            if (k.equals(s) || k.endsWith("-" + s)) {
                return true;
            }
        }
        return false;
    }

    /** A streaming walk, so that every error can name its line. */
    private static final class Walker {
        private final Path file;
        private final JsonParser p;
        private final Function<String, String> env;
        /** The current entry's first unset variable. */
        private UsageException problem;

        Walker(Path file, JsonParser p, Function<String, String> env) {
            this.file = file;
            this.p = p;
            this.env = env;
        }

        /** An error at the current token (a value). */
        private UsageException error(String key, String what) {
            return error(p.currentTokenLocation().getLineNr(), key, what);
        }

        private UsageException error(int line, String key, String what) {
            return new UsageException(file + ":" + line + ": " + key + ": " + what);
        }

        /** The line of the key just read (call before moving to its value). */
        private int keyLine() {
            return p.currentTokenLocation().getLineNr();
        }

        Map<String, SourceEntry> document() throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new UsageException(file + ": the config file is empty (expected a 'sources:' mapping)");
            }
            if (t != JsonToken.START_OBJECT) {
                throw error("(top)", "expected a mapping with 'sources:'");
            }
            Map<String, SourceEntry> out = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = keyLine();
                p.nextToken();
                if (!key.equals("sources")) {
                    throw error(line, key, "unknown key (the config file holds 'sources:')");
                }
                out = sources();
            }
            if (out == null) {
                throw new UsageException(file + ": no 'sources:' mapping");
            }
            return out;
        }

        private Map<String, SourceEntry> sources() throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw error("sources", "expected a mapping of source names to their options");
            }
            Map<String, SourceEntry> out = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int line = keyLine();
                p.nextToken();
                if (out.containsKey(name)) {
                    throw error(line, "sources." + name, "defined twice");
                }
                out.put(name, entry(name));
            }
            return out;
        }

        private SourceEntry entry(String name) throws IOException {
            String path = "sources." + name;
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw error(path, "expected a mapping of options (type, jdbc-url, ...)");
            }
            String type = null;
            Map<String, String> options = new LinkedHashMap<>();
            problem = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String keyPath = path + "." + key;
                int line = keyLine();
                p.nextToken();
                if (!KEY.matcher(key).matches()) {
                    throw error(line, keyPath, "option keys are written like the flags without '--' (e.g. jdbc-url)");
                }
                if (key.equals("type")) {
                    type = scalar(keyPath);
                    continue;
                }
                if (options.containsKey(key) || (isSecretKey(key) && options.containsKey(key + "-env"))) {
                    throw error(line, keyPath, "given twice");
                }
                if (isSecretKey(key)) {
                    String raw = p.currentToken().isScalarValue() ? p.getText() : null;
                    Matcher m = raw == null ? null : WHOLE_VARIABLE.matcher(raw.trim());
                    if (m == null || !m.matches()) {
                        throw error(keyPath, "a secret is never written in the config file: write ${VAR} (an "
                                + "environment variable) or use " + key + "-env / " + key + "-file");
                    }
                    String var = m.group(1);
                    if (env.apply(var) == null && problem == null) {
                        problem = error(keyPath, "environment variable " + var + " is not set");
                    }
                    options.put(key + "-env", var);
                    continue;
                }
                if (p.currentToken() == JsonToken.START_ARRAY) {
                    List<String> values = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        values.add(scalar(keyPath));
                    }
                    options.put(key, String.join(LIST_SEPARATOR, values));
                } else {
                    options.put(key, scalar(keyPath));
                }
            }
            if (type == null) {
                type = name;
            }
            return new SourceEntry(name, type, options, problem);
        }

        /** The current token as text with variables substituted; mappings and lists are refused. */
        private String scalar(String keyPath) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                throw error(keyPath, "has no value");
            }
            if (t == null || !t.isScalarValue()) {
                throw error(keyPath, "expected a single value");
            }
            return substitute(keyPath, p.getText());
        }

        private String substitute(String keyPath, String value) {
            Matcher m = VARIABLE.matcher(value);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String replacement;
                if (m.group().equals("$${")) {
                    replacement = "${";
                } else {
                    String v = env.apply(m.group(1));
                    if (v == null || (v.isEmpty() && m.group(2) != null)) {
                        if (m.group(2) == null) {
                            if (problem == null) {
                                problem = error(keyPath, "environment variable " + m.group(1) + " is not set (write ${"
                                        + m.group(1) + ":-default} for a default)");
                            }
                            v = "";
                        } else {
                            v = m.group(2);
                        }
                    }
                    replacement = v;
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(sb);
            return sb.toString();
        }
    }
}
