package io.mcpush.source.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.jdbc.CatalogQuery;
import io.mcpush.source.jdbc.NameFilter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The SQL text as Databricks receives it: quoted identifiers, values only as parameters. */
class DatabricksQueriesTest {
    private static final DatabricksConfig REAL = new DatabricksConfig(
            UnityCatalogTwin.config(NameFilter.ALL, true, false, 500, "1234").jdbc(), "h", "system",
            "information_schema", "1234", true, false, 4, 500);
    private static final QueryLogWindow WINDOW = new QueryLogWindow(Instant.parse("2026-11-25T08:00:00.000001Z"),
            Instant.parse("2026-11-25T09:00:00Z"));

    @Test
    void catalogNamesAreQuotedIdentifiersAndSchemaNamesParameters() {
        CatalogQuery q = DatabricksQueries.relations(REAL, "we`ird cat", "it's", true);
        assertThat(q.sql()).contains("FROM `we``ird cat`.`information_schema`.`tables` t",
                "LEFT JOIN `we``ird cat`.`information_schema`.`views` v",
                "LEFT JOIN `we``ird cat`.`information_schema`.`columns` col", "WHERE t.table_schema = ?",
                "col.full_data_type AS data_type").doesNotContain("it's");
        assertThat(q.parameters()).containsExactly("it's");
        assertThat(DatabricksQueries.relations(REAL, "c", "s", false).sql()).doesNotContain("columns");
        assertThat(DatabricksQueries.schemas(REAL, "we`ird").sql())
                .isEqualTo("SELECT schema_name FROM `we``ird`.`information_schema`.`schemata` ORDER BY schema_name");
        assertThat(DatabricksQueries.catalogs(REAL).sql())
                .isEqualTo("SELECT catalog_name FROM `system`.`information_schema`.`catalogs` ORDER BY catalog_name");
        assertThat(DatabricksQueries.describeDetail("c`1", "s.2", "t 3")).isEqualTo("DESCRIBE DETAIL `c``1`.`s.2`.`t 3`");
    }

    @Test
    void windowsAreMicrosecondParametersNeverWarehouseClockFunctions() {
        for (CatalogQuery q : new CatalogQuery[] {DatabricksQueries.tableLineage(REAL, WINDOW),
                DatabricksQueries.columnLineage(REAL, WINDOW), DatabricksQueries.lineageOutside(REAL, WINDOW),
                DatabricksQueries.queryHistoryPage(REAL, WINDOW, 0, null, true)}) {
            assertThat(q.sql()).doesNotContainIgnoringCase("now()").doesNotContainIgnoringCase("current_timestamp")
                    .doesNotContain("2026").contains(">= timestamp_micros(?)", "< timestamp_micros(?)",
                            "AND workspace_id = ?");
            assertThat(q.parameters()).startsWith(1795593600000001L, 1795597200000000L).endsWith("1234");
        }
        assertThat(DatabricksQueries.tableLineage(REAL, WINDOW).sql()).contains("FROM `system`.`access`.`table_lineage`")
                .doesNotContain("LIMIT");
        assertThat(DatabricksQueries.columnLineage(REAL, WINDOW).sql()).contains("FROM `system`.`access`.`column_lineage`")
                .doesNotContain("LIMIT");
    }

    @Test
    void historyPagesResumeAfterTheLastKeyAndEndOnlyAtAShortPage() {
        CatalogQuery first = DatabricksQueries.queryHistoryPage(REAL, WINDOW, 0, null, true);
        assertThat(first.sql()).contains("FROM `system`.`query`.`history`", "ORDER BY start_time, statement_id LIMIT 500")
                .doesNotContain("statement_id > ?");
        CatalogQuery next = DatabricksQueries.queryHistoryPage(REAL, WINDOW, 1795595000123456L, "01ef-x", false);
        assertThat(next.sql()).contains(
                "(start_time > timestamp_micros(?) OR (start_time = timestamp_micros(?) AND statement_id > ?))");
        assertThat(next.parameters()).containsExactly(1795593600000001L, 1795597200000000L, 1795595000123456L,
                1795595000123456L, "01ef-x", "1234");
        assertThat(DatabricksQueries.micros(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1L);
    }
}
