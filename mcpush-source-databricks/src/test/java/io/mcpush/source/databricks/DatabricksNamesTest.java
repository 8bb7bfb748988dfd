package io.mcpush.source.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabricksNamesTest {
    @Test
    void identifiersAreBacktickQuotedWithEmbeddedBackticksDoubled() {
        assertThat(DatabricksNames.quote("orders")).isEqualTo("`orders`");
        assertThat(DatabricksNames.quote("we`ird")).isEqualTo("`we``ird`");
        assertThat(DatabricksNames.quote("``")).isEqualTo("``````");
        assertThat(DatabricksNames.quote("dot.ted name")).isEqualTo("`dot.ted name`");
        assertThat(DatabricksNames.quote("Ünïcødé 表")).isEqualTo("`Ünïcødé 表`");
        assertThat(DatabricksNames.quote("x`; DROP TABLE t; --")).isEqualTo("`x``; DROP TABLE t; --`");
        assertThat(DatabricksNames.qualified("we`ird cat.ü", "Mixed Case`s", "t")).isEqualTo(
                "`we``ird cat.ü`.`Mixed Case``s`.`t`");
        assertThatThrownBy(() -> DatabricksNames.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unityCatalogTypesAreTablesExceptViews() {
        assertThat(DatabricksNames.tableType("VIEW")).isEqualTo("VIEW");
        assertThat(DatabricksNames.tableType("view")).isEqualTo("VIEW");
        for (String t : new String[] {"MANAGED", "EXTERNAL", "FOREIGN", "STREAMING_TABLE", "MATERIALIZED_VIEW",
                "TABLE", "PATH", "METRIC_VIEW_UNKNOWN", null}) {
            assertThat(DatabricksNames.tableType(t)).as(String.valueOf(t)).isEqualTo("TABLE");
        }
    }

    @Test
    void theErrorClassIsTheBracketedPrefixOfADatabricksMessage() {
        assertThat(DatabricksNames.errorClass("[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not "
                + "have permission SELECT on table 'default.nyctaxi_trips'.")).isEqualTo("INSUFFICIENT_PERMISSIONS");
        assertThat(DatabricksNames.errorClass("[TABLE_OR_VIEW_NOT_FOUND.WITH_SUGGESTION] The table cannot be found"))
                .isEqualTo("TABLE_OR_VIEW_NOT_FOUND.WITH_SUGGESTION");
        assertThat(DatabricksNames.errorClass("Query was cancelled [by user]")).isNull();
        assertThat(DatabricksNames.errorClass("[lower] no")).isNull();
        assertThat(DatabricksNames.errorClass(null)).isNull();
    }
}
