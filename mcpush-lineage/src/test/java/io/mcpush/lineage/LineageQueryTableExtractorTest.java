package io.mcpush.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.graphql.QueryTableExtractor;
import org.junit.jupiter.api.Test;

class LineageQueryTableExtractorTest {
    private final QueryTableExtractor snowflake = LineageQueryTableExtractor.forLogType("snowflake");

    @Test
    void insertSelectWritesItsTargetAndReadsEveryJoinedAndCommaJoinedSource() {
        var t = snowflake.tables("insert into SHOP.MART.F select o.id from SHOP.RAW.O o join \"SHOP\".\"RAW\".\"C\" c "
                + "on 1=1, SHOP.RAW.P p");
        assertThat(t.writes()).containsExactly("SHOP.MART.F");
        assertThat(t.reads()).containsExactlyInAnyOrder("SHOP.RAW.O", "SHOP.RAW.C", "SHOP.RAW.P");
    }

    @Test
    void cteNamesAndFunctionArgumentsAreNotTablesAndDeleteReadsOnlyItsSubquery() {
        var cte = snowflake.tables("with recent as (select extract(year from created) y from S.ORDERS) "
                + "select * from recent join S.CUSTOMERS using (id)");
        assertThat(cte.reads()).containsExactlyInAnyOrder("S.ORDERS", "S.CUSTOMERS");
        assertThat(cte.writes()).isEmpty();
        var delete = snowflake.tables("delete from A.B.C where x in (select y from A.B.D)");
        assertThat(delete.writes()).containsExactly("A.B.C");
        assertThat(delete.reads()).containsExactly("A.B.D");
    }

    @Test
    void mergeWritesItsTargetAndLiteralsCommentsAndEmptyTextGiveNothingElse() {
        var t = snowflake.tables("merge into D.S.T using D.S.U on T.ID = U.ID -- from X.Y.Z\n"
                + "when matched then update set V = 'from A.B.C'");
        assertThat(t.writes()).containsExactly("D.S.T");
        assertThat(t.reads()).containsExactly("D.S.U");
        assertThat(snowflake.tables("").reads()).isEmpty();
        assertThat(snowflake.tables("this is not sql (((").writes()).isEmpty();
    }

    @Test
    void logTypesPickTheirDialectsQuotingAndUnknownOnesReadGenerically() {
        assertThat(LineageQueryTableExtractor.forLogType("bigquery").tables("select * from `proj.ds.t`").reads())
                .containsExactly("proj.ds.t");
        assertThat(LineageQueryTableExtractor.dialectForLogType("hive-s3")).isEqualTo(Dialect.HIVE);
        assertThat(LineageQueryTableExtractor.dialectForLogType("presto-s3")).isEqualTo(Dialect.TRINO);
        assertThat(LineageQueryTableExtractor.dialectForLogType("databricks-metastore-sql-warehouse"))
                .isEqualTo(Dialect.DATABRICKS);
        assertThat(LineageQueryTableExtractor.dialectForLogType("clickhouse")).isEqualTo(Dialect.ANSI);
        assertThat(LineageQueryTableExtractor.dialectForLogType(null)).isEqualTo(Dialect.ANSI);
    }
}
