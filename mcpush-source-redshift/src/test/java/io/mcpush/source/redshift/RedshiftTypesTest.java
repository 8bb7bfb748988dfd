package io.mcpush.source.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedshiftTypesTest {
    @Test
    void redshiftNamesBecomeCanonicalNamesWithTheirSuffix() {
        assertThat(RedshiftTypes.normalise("character varying(256)")).isEqualTo("VARCHAR(256)");
        assertThat(RedshiftTypes.normalise("numeric(12, 2)")).isEqualTo("DECIMAL(12,2)");
        assertThat(RedshiftTypes.normalise("timestamp without time zone")).isEqualTo("TIMESTAMP");
        assertThat(RedshiftTypes.normalise("timestamp with time zone")).isEqualTo("TIMESTAMPTZ");
        assertThat(RedshiftTypes.normalise("double precision")).isEqualTo("DOUBLE");
        assertThat(RedshiftTypes.normalise("real")).isEqualTo("FLOAT");
        assertThat(RedshiftTypes.normalise("character(3)")).isEqualTo("CHAR(3)");
        assertThat(RedshiftTypes.normalise("binary varying(64000)")).isEqualTo("VARBYTE(64000)");
        assertThat(RedshiftTypes.normalise("super")).isEqualTo("SUPER");
        assertThat(RedshiftTypes.normalise("boolean")).isEqualTo("BOOLEAN");
    }

    @Test
    void externalTableSpellingsAndUnknownTypesAreUpperCased() {
        assertThat(RedshiftTypes.normalise("varchar(2048)")).isEqualTo("VARCHAR(2048)");
        assertThat(RedshiftTypes.normalise("int")).isEqualTo("INTEGER");
        assertThat(RedshiftTypes.normalise("geometry")).isEqualTo("GEOMETRY");
        assertThat(RedshiftTypes.normalise("hllsketch")).isEqualTo("HLLSKETCH");
        assertThat(RedshiftTypes.normalise("array<string>")).isEqualTo("ARRAY<STRING>");
        assertThat(RedshiftTypes.normalise(null)).isEqualTo("UNKNOWN");
        assertThat(RedshiftTypes.normalise("  ")).isEqualTo("UNKNOWN");
    }
}
