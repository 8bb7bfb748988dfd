package io.mcpush.source.hive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HiveTypesTest {
    @Test
    void mapsHiveTypesToCanonicalNamesKeepingParameters() {
        assertThat(HiveTypes.normalise("int")).isEqualTo("INTEGER");
        assertThat(HiveTypes.normalise("string")).isEqualTo("VARCHAR");
        assertThat(HiveTypes.normalise("varchar(50)")).isEqualTo("VARCHAR(50)");
        assertThat(HiveTypes.normalise("decimal(10,2)")).isEqualTo("DECIMAL(10,2)");
        assertThat(HiveTypes.normalise("double precision")).isEqualTo("DOUBLE");
        assertThat(HiveTypes.normalise("timestamp")).isEqualTo("TIMESTAMP");
        assertThat(HiveTypes.normalise("uniontype<int,string>")).isEqualTo("UNION<INT,STRING>");
    }

    @Test
    void keepsTheElementTypesOfComplexTypes() {
        assertThat(HiveTypes.normalise("array<string>")).isEqualTo("ARRAY<STRING>");
        assertThat(HiveTypes.normalise("struct<street:string, zip:int>")).isEqualTo("STRUCT<STREET:STRING,ZIP:INT>");
        assertThat(HiveTypes.normalise("map<string,array<bigint>>")).isEqualTo("MAP<STRING,ARRAY<BIGINT>>");
    }

    @Test
    void neverReturnsNull() {
        assertThat(HiveTypes.normalise(null)).isEqualTo("UNKNOWN");
        assertThat(HiveTypes.normalise(" ")).isEqualTo("UNKNOWN");
        assertThat(HiveTypes.normalise("geometry")).isEqualTo("GEOMETRY");
    }
}
