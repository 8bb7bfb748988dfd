package io.mcpush.lineage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SQL dialects lineage understands, with the quoting and case rules that decide how a name in
 * SQL text becomes the name of a table or column.
 *
 * <p>Unquoted names are folded as the warehouse folds them ({@link CaseRule}); quoted names keep
 * their case. Dialects without special rules use generic parsing and keep names as written.
 */
public enum Dialect {
    ANSI(CaseRule.KEEP, false, true),
    SNOWFLAKE(CaseRule.UPPER, false, true),
    BIGQUERY(CaseRule.KEEP, false, false),
    REDSHIFT(CaseRule.LOWER, false, true),
    POSTGRES(CaseRule.LOWER, false, true),
    MYSQL(CaseRule.KEEP, false, false),
    MARIADB(CaseRule.KEEP, false, false),
    TSQL(CaseRule.KEEP, true, true),
    DATABRICKS(CaseRule.LOWER, false, false),
    SPARKSQL(CaseRule.LOWER, false, false),
    HIVE(CaseRule.LOWER, false, false),
    ORACLE(CaseRule.UPPER, false, true),
    ATHENA(CaseRule.LOWER, false, true),
    TRINO(CaseRule.LOWER, false, true),
    DUCKDB(CaseRule.KEEP, false, true),
    TERADATA(CaseRule.KEEP, false, true),
    VERTICA(CaseRule.KEEP, false, true),
    EXASOL(CaseRule.UPPER, false, true),
    DB2(CaseRule.UPPER, false, true),
    GREENPLUM(CaseRule.LOWER, false, true),
    MATERIALIZE(CaseRule.LOWER, false, true);

    /** How unquoted identifiers are folded. */
    public enum CaseRule {
        /** Unquoted names fold to upper case (Snowflake, Oracle). */
        UPPER,
        /** Unquoted names fold to lower case (PostgreSQL and its relatives, Hive). */
        LOWER,
        /** Names keep the case they are written in (BigQuery, generic). */
        KEEP
    }

    private final CaseRule caseRule;
    private final boolean squareBrackets;
    private final boolean doubleQuotedIdentifiers;

    Dialect(CaseRule caseRule, boolean squareBrackets, boolean doubleQuotedIdentifiers) {
        this.caseRule = caseRule;
        this.squareBrackets = squareBrackets;
        this.doubleQuotedIdentifiers = doubleQuotedIdentifiers;
    }

    /** How this dialect folds unquoted names. */
    public CaseRule caseRule() {
        return caseRule;
    }

    /** Whether {@code [name]} quotes an identifier (T-SQL). */
    public boolean squareBrackets() {
        return squareBrackets;
    }

    /** Whether {@code "x"} is an identifier; where it is not (BigQuery, MySQL, Hive) it is a string. */
    public boolean doubleQuotedIdentifiers() {
        return doubleQuotedIdentifiers;
    }

    /** The name accepted by {@link #of(String)}, e.g. {@code snowflake}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Folds an unquoted identifier as this dialect does. */
    public String fold(String unquoted) {
        switch (caseRule) {
            case UPPER:
                return unquoted.toUpperCase(Locale.ROOT);
            case LOWER:
                return unquoted.toLowerCase(Locale.ROOT);
            default:
                return unquoted;
        }
    }

    /** Every accepted name, comma separated, for messages. */
    public static String knownNames() {
        return Arrays.stream(values()).map(Dialect::displayName).collect(Collectors.joining(", "));
    }

    /**
     * The dialect with this name, ignoring case; a few common aliases are accepted too
     * ({@code postgresql}, {@code mssql}, {@code sqlserver}, {@code spark}, {@code generic}).
     *
     * @throws IllegalArgumentException naming the known dialects when {@code name} is none of them
     */
    public static Dialect of(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dialect is empty; known dialects: " + knownNames());
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        switch (n) {
            case "postgresql":
            case "pg":
                return POSTGRES;
            case "mssql":
            case "sqlserver":
            case "synapse":
            case "fabric":
                return TSQL;
            case "spark":
                return SPARKSQL;
            case "generic":
            case "default":
                return ANSI;
            case "presto":
                return TRINO;
            default:
                break;
        }
        for (Dialect d : values()) {
            if (d.displayName().equals(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dialect '" + name + "'; known dialects: " + knownNames());
    }
}
