package io.mcpush.source.bigquery;

import static java.util.Objects.requireNonNull;

import io.mcpush.source.SourceConfigException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * GoogleSQL identifier quoting and the names BigQuery paths are made of. A quoted identifier is
 * written between backticks; inside, a backslash starts an escape sequence as in a string literal
 * (GoogleSQL lexical structure), so a backslash and a backtick are escaped with a backslash and
 * control characters as {@code \n}, {@code \t} or {@code \\uXXXX}. Doubling the quote, the
 * escape the JDBC dialects share, is not GoogleSQL. Stateless.
 */
public final class BigQueryNames {
    /** Region qualifiers of INFORMATION_SCHEMA views: {@code region-us}, {@code region-europe-west4}. */
    private static final Pattern REGION = Pattern.compile("region-[a-z0-9]+(-[a-z0-9]+)*");
    /** Project ids, also the legacy domain-scoped form {@code example.com:project}. */
    private static final Pattern PROJECT = Pattern.compile("([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,61}[a-z0-9]");

    private BigQueryNames() {
    }

    /** {@code identifier} between backticks, escaped so that it names exactly itself. */
    public static String quote(String identifier) {
        requireNonNull(identifier, "identifier is null");
        StringBuilder sb = new StringBuilder(identifier.length() + 2).append('`');
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            switch (c) {
                case '`' -> sb.append("\\`");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('`').toString();
    }

    /** Each part quoted, joined by dots: {@code `project`.`dataset`}. */
    public static String qualified(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(quote(p));
        }
        return sb.toString();
    }

    /** A dataset's INFORMATION_SCHEMA view: {@code `project`.`dataset`.INFORMATION_SCHEMA.VIEW}. */
    public static String datasetView(String project, String dataset, String view) {
        return qualified(project, dataset) + ".INFORMATION_SCHEMA." + view;
    }

    /** A region's INFORMATION_SCHEMA view: {@code `project`.`region-us`.INFORMATION_SCHEMA.VIEW}. */
    public static String regionView(String project, String region, String view) {
        return qualified(project, region) + ".INFORMATION_SCHEMA." + view;
    }

    /**
     * A region as INFORMATION_SCHEMA names it: {@code us}, {@code EU} or {@code region-us} become
     * {@code region-us} / {@code region-eu}.
     */
    public static String region(String option, String value) {
        String r = value.trim().toLowerCase(Locale.ROOT);
        if (!r.startsWith("region-")) {
            r = "region-" + r;
        }
        if (!REGION.matcher(r).matches()) {
            throw new SourceConfigException(option, "--" + option + " '" + value
                    + "' is not a BigQuery location such as us, eu or europe-west4 (or region-us)");
        }
        return r;
    }

    /** Checks a project id (lower-case letters, digits, dashes; optionally domain-scoped). */
    public static String project(String option, String value) {
        String p = value.trim();
        if (!PROJECT.matcher(p).matches()) {
            throw new SourceConfigException(option, "--" + option + " '" + value + "' is not a Google Cloud project id");
        }
        return p;
    }

    /** True for datasets BigQuery keeps for itself: anonymous result and script datasets start with {@code _}. */
    public static boolean hiddenDataset(String dataset) {
        return dataset.startsWith("_");
    }
}
