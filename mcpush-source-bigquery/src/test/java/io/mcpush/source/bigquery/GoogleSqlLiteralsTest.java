package io.mcpush.source.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoogleSqlLiteralsTest {
    @Test
    void optionValuesAreReadAsTheStringLiteralsTheyAre() {
        assertThat(GoogleSqlLiterals.unquote("\"plain\"")).isEqualTo("plain");
        assertThat(GoogleSqlLiterals.unquote("'single'")).isEqualTo("single");
        assertThat(GoogleSqlLiterals.unquote("\"say \\\"hi\\\"\\n\\tok\"")).isEqualTo("say \"hi\"\n\tok");
        assertThat(GoogleSqlLiterals.unquote("\"caf\\u00e9 \\x41\"")).isEqualTo("café A");
        assertThat(GoogleSqlLiterals.unquote("\"\"\"triple \"quoted\" \"\"\"")).isEqualTo("triple \"quoted\" ");
        assertThat(GoogleSqlLiterals.unquote("r\"raw \\n\"")).isEqualTo("raw \\n");
        assertThat(GoogleSqlLiterals.unquote("\"bad \\u12\"")).isEqualTo("bad \\u12");
        assertThat(GoogleSqlLiterals.unquote("not a literal")).isEqualTo("not a literal");
        assertThat(GoogleSqlLiterals.unquote(null)).isNull();
    }
}
