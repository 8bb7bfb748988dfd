package io.mcpush.cli;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.push.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The process environment as the commands see it (tests pass their own map). Also reads key
 * files: lines {@code NAME=value} (an optional leading {@code export} is allowed), the format
 * {@code mcpush emulator} writes. Secrets read here are wrapped in {@link Secret} at once.
 */
final class Environment {
    static final String INGEST_ID = "MCD_INGEST_ID";
    static final String INGEST_TOKEN = "MCD_INGEST_TOKEN";
    static final String RESOURCE_UUID = "MCD_RESOURCE_UUID";
    static final String INGEST_ENDPOINT = "MCD_INGEST_ENDPOINT";

    private final Map<String, String> variables;

    Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(requireNonNull(variables, "variables is null"));
    }

    static Environment system() {
        return new Environment(System.getenv());
    }

    String get(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The ingestion key from {@code keyFile} if given, else from the environment. */
    IngestKey ingestKey(Path keyFile) {
        Map<String, String> source = keyFile == null ? variables : readKeyFile(keyFile);
        String where = keyFile == null ? "the environment" : keyFile.toString();
        String id = blankToNull(source.get(INGEST_ID));
        String token = blankToNull(source.get(INGEST_TOKEN));
        if (id == null || token == null) {
            throw new UsageException("missing ingestion key: set " + INGEST_ID + " and " + INGEST_TOKEN + " in " + where
                    + (keyFile == null ? " (or pass --ingest-key-file FILE)" : "")
                    + "; it must be an Ingestion-scope integration key");
        }
        return new IngestKey(id, new Secret(token));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static Map<String, String> readKeyFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("key file " + file + " does not exist");
        } catch (IOException e) {
            throw new UsageException("cannot read key file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new HashMap<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("export ")) {
                l = l.substring(7).strip();
            }
            int eq = l.indexOf('=');
            if (eq > 0) {
                String value = l.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                out.put(l.substring(0, eq).strip(), value);
            }
        }
        return out;
    }

    /** An ingestion key; the token never prints. */
    record IngestKey(String id, Secret token) {
    }
}
