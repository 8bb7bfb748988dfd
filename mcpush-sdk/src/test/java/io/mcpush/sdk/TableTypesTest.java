package io.mcpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.TableTypes.Warehouse;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Spec §9.1; materialized views are TABLE everywhere (our documented rule). */
class TableTypesTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "SNOWFLAKE, BASE TABLE, TABLE",
            "SNOWFLAKE, TABLE, TABLE",
            "SNOWFLAKE, DYNAMIC TABLE, TABLE",
            "SNOWFLAKE, EXTERNAL TABLE, TABLE",
            "SNOWFLAKE, VIEW, VIEW",
            "SNOWFLAKE, SECURE VIEW, VIEW",
            "SNOWFLAKE, MATERIALIZED VIEW, TABLE",
            "SNOWFLAKE, EVENT TABLE, TABLE",
            "SNOWFLAKE, something new, TABLE",
            "BIGQUERY, VIEW, VIEW",
            "BIGQUERY, TABLE, TABLE",
            "BIGQUERY, MATERIALIZED_VIEW, TABLE",
            "BIGQUERY, EXTERNAL, TABLE",
            "BIGQUERY, SNAPSHOT, TABLE",
            "DATABRICKS, VIEW, VIEW",
            "DATABRICKS, view, VIEW",
            "DATABRICKS, MANAGED, TABLE",
            "DATABRICKS, EXTERNAL, TABLE",
            "DATABRICKS, MATERIALIZED_VIEW, TABLE",
            "DATABRICKS, STREAMING_TABLE, TABLE",
            "REDSHIFT, BASE TABLE, TABLE",
            "REDSHIFT, TABLE, TABLE",
            "HIVE, MANAGED_TABLE, TABLE",
            "HIVE, EXTERNAL_TABLE, TABLE",
            "HIVE, MATERIALIZED_VIEW, TABLE",
    })
    void normaliseMapsNativeTypesPerWarehouse(Warehouse warehouse, String nativeType, String expected) {
        assertThat(TableTypes.normalise(warehouse, nativeType)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Warehouse.class)
    void normaliseTreatsNullAsTable(Warehouse warehouse) {
        assertThat(TableTypes.normalise(warehouse, null)).isEqualTo("TABLE");
    }

    @ParameterizedTest
    @EnumSource(Warehouse.class)
    void normaliseIgnoresCaseAndSurroundingBlanks(Warehouse warehouse) {
        assertThat(TableTypes.normalise(warehouse, "  view ")).isEqualTo("VIEW");
        assertThat(TableTypes.normalise(warehouse, "base table")).isEqualTo("TABLE");
    }

    @Test
    void normaliseMapsMaterializedViewsToTableEverywhere() {
        for (Warehouse w : EnumSet.allOf(Warehouse.class)) {
            for (String t : new String[] {"MATERIALIZED VIEW", "MATERIALIZED_VIEW", "materialized view"}) {
                assertThat(TableTypes.normalise(w, t)).as("%s %s", w, t).isEqualTo("TABLE");
            }
        }
    }
}
