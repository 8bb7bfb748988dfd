package io.mcpush.source.bigquery;

import java.util.Locale;

/**
 * BigQuery data types as pushed: the canonical names Monte Carlo's features know ({@code INT64}
 * is {@code INTEGER}, {@code STRING} is {@code VARCHAR}, {@code STRUCT<…>} is {@code STRUCT},
 * {@code ARRAY<…>} is {@code ARRAY}); the fields inside a STRUCT are their own columns
 * ({@code a.b.c}), so nothing is lost by naming the container alone. Parameters such as
 * {@code NUMERIC(10, 2)} or {@code STRING(50)} are dropped; unknown types are upper-cased,
 * never null. Stateless.
 */
public final class BigQueryTypes {
    private BigQueryTypes() {
    }

    public static String canonical(String dataType) {
        if (dataType == null || dataType.isBlank()) {
            return "UNKNOWN";
        }
        String t = dataType.trim().toUpperCase(Locale.ROOT);
        int cut = t.length();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '<' || c == '(' || c == ' ') {
                cut = i;
                break;
            }
        }
        String base = t.substring(0, cut);
        return switch (base) {
            case "INT64", "INTEGER", "INT", "SMALLINT", "BIGINT", "TINYINT", "BYTEINT" -> "INTEGER";
            case "FLOAT64", "FLOAT" -> "FLOAT";
            case "BOOL", "BOOLEAN" -> "BOOLEAN";
            case "STRING" -> "VARCHAR";
            case "BYTES" -> "BINARY";
            case "NUMERIC", "BIGNUMERIC", "DECIMAL", "BIGDECIMAL" -> "DECIMAL";
            case "STRUCT", "RECORD" -> "STRUCT";
            case "ARRAY" -> "ARRAY";
            case "" -> "UNKNOWN";
            default -> base; // DATE, DATETIME, TIME, TIMESTAMP, JSON, GEOGRAPHY, INTERVAL, RANGE
        };
    }
}
