package io.mcpush.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialectTest {
    @Test
    void embeddedQuotesAreDoubledAndEverythingElseIsKeptAsIs() {
        assertThat(Dialect.POSTGRES.quote("Stg \"Orders\"")).isEqualTo("\"Stg \"\"Orders\"\"\"");
        assertThat(Dialect.POSTGRES.quote("select")).isEqualTo("\"select\"");
        assertThat(Dialect.POSTGRES.quote("a.b c")).isEqualTo("\"a.b c\"");
        assertThat(Dialect.POSTGRES.quote("MiXeD ünï")).isEqualTo("\"MiXeD ünï\"");
        assertThat(Dialect.MYSQL.quote("it`s")).isEqualTo("`it``s`");
        assertThat(Dialect.MYSQL.quote("say \"hi\"")).isEqualTo("`say \"hi\"`");
    }

    @Test
    void qualifiedNamesQuoteEachPart() {
        assertThat(Dialect.DUCKDB.qualified("shop", "my.schema", "t\"1")).isEqualTo("\"shop\".\"my.schema\".\"t\"\"1\"");
    }

    @Test
    void nativeTypesBecomeTableOrView() {
        assertThat(Dialect.DUCKDB.tableType("BASE TABLE")).isEqualTo("TABLE");
        assertThat(Dialect.DUCKDB.tableType("VIEW")).isEqualTo("VIEW");
        assertThat(Dialect.POSTGRES.tableType("MATERIALIZED VIEW")).isEqualTo("TABLE");
        assertThat(Dialect.POSTGRES.isSystemSchema("PG_CATALOG")).isTrue();
    }
}
