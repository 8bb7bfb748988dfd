package io.mcpush.source.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BigQueryTypesTest {
    @Test
    void nativeTypesBecomeCanonicalNamesWithoutParameters() {
        assertThat(BigQueryTypes.canonical("INT64")).isEqualTo("INTEGER");
        assertThat(BigQueryTypes.canonical("FLOAT64")).isEqualTo("FLOAT");
        assertThat(BigQueryTypes.canonical("BOOL")).isEqualTo("BOOLEAN");
        assertThat(BigQueryTypes.canonical("STRING(50)")).isEqualTo("VARCHAR");
        assertThat(BigQueryTypes.canonical("BYTES")).isEqualTo("BINARY");
        assertThat(BigQueryTypes.canonical("NUMERIC(12, 2)")).isEqualTo("DECIMAL");
        assertThat(BigQueryTypes.canonical("BIGNUMERIC")).isEqualTo("DECIMAL");
        assertThat(BigQueryTypes.canonical("STRUCT<a INT64, b STRUCT<c STRING>>")).isEqualTo("STRUCT");
        assertThat(BigQueryTypes.canonical("ARRAY<STRUCT<a INT64>>")).isEqualTo("ARRAY");
        assertThat(BigQueryTypes.canonical("TIMESTAMP")).isEqualTo("TIMESTAMP");
        assertThat(BigQueryTypes.canonical("RANGE<DATE>")).isEqualTo("RANGE");
        assertThat(BigQueryTypes.canonical("geography")).isEqualTo("GEOGRAPHY");
        assertThat(BigQueryTypes.canonical(null)).isEqualTo("UNKNOWN");
    }
}
