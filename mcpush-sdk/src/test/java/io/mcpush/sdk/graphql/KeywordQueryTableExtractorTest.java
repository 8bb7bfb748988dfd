package io.mcpush.sdk.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeywordQueryTableExtractorTest {
    private final QueryTableExtractor extractor = QueryTableExtractor.keywords();

    @Test
    void insertSelectWritesItsTargetAndReadsItsSources() {
        var t = extractor.tables("insert into SHOP.MART.F select * from SHOP.RAW.O o join \"SHOP\".\"RAW\".\"C\" c on 1=1");
        assertThat(t.writes()).containsExactly("SHOP.MART.F");
        assertThat(t.reads()).containsExactly("SHOP.RAW.O", "SHOP.RAW.C");
    }

    @Test
    void deleteFromIsAWriteAndCteNamesAreNotTables() {
        assertThat(extractor.tables("delete from a.b.c where x in (select y from a.b.d)").writes()).containsExactly("a.b.c");
        assertThat(extractor.tables("delete from a.b.c").reads()).isEmpty();
        var t = extractor.tables("with recent as (select * from s.orders) select * from recent join s.customers using (id)");
        assertThat(t.reads()).containsExactly("s.orders", "s.customers");
    }

    @Test
    void mergeAndUpdateAreWritesAndLiteralsAndCommentsAreIgnored() {
        var t = extractor.tables("merge into d.s.t using d.s.u on t.id = u.id -- from x.y.z\n"
                + "when matched then update set v = 'from a.b.c'");
        assertThat(t.writes()).contains("d.s.t");
        assertThat(t.reads()).containsExactly("d.s.u");
        assertThat(extractor.tables("").reads()).isEmpty();
    }
}
