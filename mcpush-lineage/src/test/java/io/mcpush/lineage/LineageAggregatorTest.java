package io.mcpush.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineageAggregatorTest {
    @Test
    void edgesAreDeduplicatedAndRememberTheirQueries() {
        LineageAggregator agg = new LineageAggregator();
        Context ctx = Context.of("DB", "PUBLIC");
        agg.addQuery("q1", "insert into t (a) select x from s", Dialect.SNOWFLAKE, ctx);
        agg.addQuery("q2", "insert into t (a) select x from s", Dialect.SNOWFLAKE, ctx);
        agg.addQuery("q3", "insert into t (a) select y from s2", Dialect.SNOWFLAKE, ctx);
        agg.addQuery("q4", "not sql", Dialect.SNOWFLAKE, ctx);

        assertThat(agg.tableEdges()).extracting(e -> e.source() + ">" + e.target() + " " + e.queryIds())
                .containsExactly("DB.PUBLIC.S>DB.PUBLIC.T [q1, q2]", "DB.PUBLIC.S2>DB.PUBLIC.T [q3]");
        assertThat(agg.columnEdges()).extracting(e -> e.source() + ">" + e.target() + " " + e.queryIds())
                .containsExactly("DB.PUBLIC.S.X>DB.PUBLIC.T.A [q1, q2]", "DB.PUBLIC.S2.Y>DB.PUBLIC.T.A [q3]");
        assertThat(agg.queries()).isEqualTo(4);
        assertThat(agg.failedQueries()).isEqualTo(1);
    }

    @Test
    void queryIdsPerEdgeAreCappedButCounted() {
        LineageAggregator agg = new LineageAggregator(
                new SqlLineage(SqlLineage.DEFAULT_PARSE_TIMEOUT, SqlLineage.DEFAULT_MAX_STATEMENT_CHARS), 2);
        for (int i = 0; i < 5; i++) {
            agg.addQuery("q" + i, "insert into s.t select a from s.u", Dialect.ANSI, Context.empty());
        }
        assertThat(agg.tableEdges()).singleElement().satisfies(e -> {
            assertThat(e.queryIds()).containsExactly("q0", "q1");
            assertThat(e.queries()).isEqualTo(5);
        });
    }

    @Test
    void viewDefinitionsGiveEdgesIntoTheView() {
        LineageAggregator agg = new LineageAggregator();
        TableName view = TableName.of("db", "mart", "v");
        agg.addView(view, "SELECT o.id, o.amount AS total FROM raw.orders o", Dialect.POSTGRES, Context.of("db", "public"));
        agg.addView(TableName.of("db", "mart", "w"), "CREATE VIEW mart.w AS SELECT id FROM raw.orders", Dialect.POSTGRES,
                Context.of("db", "public"));
        assertThat(agg.tableEdges()).extracting(e -> e.source() + ">" + e.target() + " " + e.queryIds())
                .containsExactly("db.raw.orders>db.mart.v [view:db.mart.v]", "db.raw.orders>db.mart.w [view:db.mart.w]");
        assertThat(agg.columnEdges()).extracting(e -> e.source() + ">" + e.target())
                .contains("db.raw.orders.id>db.mart.v.id", "db.raw.orders.amount>db.mart.v.total");
    }
}
