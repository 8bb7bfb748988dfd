package io.mcpush.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SqlLineageTest {
    private static List<String> names(List<TableName> tables) {
        return tables.stream().map(TableName::qualified).toList();
    }

    @Test
    void insertSelectGivesTableAndColumnEdgesMarkedParsed() {
        LineageResult r = SqlLineage.analyze("INSERT INTO s.t (a) SELECT x + y FROM s.src", Dialect.ANSI, Context.empty());
        assertThat(names(r.sources())).containsExactly("s.src");
        assertThat(names(r.targets())).containsExactly("s.t");
        assertThat(r.tableEdges()).containsExactly(
                new TableEdge(TableName.of(null, "s", "src"), TableName.of(null, "s", "t"), Method.PARSED));
        assertThat(r.columnEdges()).extracting(e -> e.source().qualified() + ">" + e.target().qualified())
                .containsExactly("s.src.x>s.t.a", "s.src.y>s.t.a");
        assertThat(r.method()).isEqualTo(Method.PARSED);
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void statementTheParserRejectsIsReadTokenByTokenWithLowerConfidence() {
        LineageResult r = SqlLineage.analyze(
                "INSERT ALL INTO s.a VALUES (x) INTO s.b VALUES (x) SELECT x FROM s.src", Dialect.SNOWFLAKE, Context.empty());
        assertThat(names(r.targets())).containsExactly("S.A", "S.B");
        assertThat(names(r.sources())).containsExactly("S.SRC");
        assertThat(r.method()).isEqualTo(Method.FALLBACK);
        assertThat(r.tableEdges()).allMatch(e -> e.method() == Method.FALLBACK && e.method().confidence() < 1);
    }

    @Test
    void tableOnlyModeGivesNoColumnEdges() {
        LineageResult r = SqlLineage.analyzeTables("INSERT INTO s.t SELECT a FROM s.src", Dialect.ANSI, Context.empty());
        assertThat(names(r.sources())).containsExactly("s.src");
        assertThat(r.columnEdges()).isEmpty();
    }

    @Test
    void garbageIsAnErrorNotAnException() {
        LineageResult r = SqlLineage.analyze("}}}} )( not sql ;;; ''' \"", Dialect.ANSI, Context.empty());
        assertThat(r.sources()).isEmpty();
        assertThat(r.targets()).isEmpty();
        assertThat(r.errors()).isNotEmpty();
    }

    @Test
    void nullAndEmptyTextGiveNothing() {
        assertThat(SqlLineage.analyze(null, Dialect.ANSI, Context.empty()).statements()).isZero();
        assertThat(SqlLineage.analyze("  ; ;", Dialect.ANSI, Context.empty()).errors()).isEmpty();
    }

    @Test
    @Timeout(60)
    void fiveHundredNestedSubqueriesNeitherCrashNorHang() {
        StringBuilder sql = new StringBuilder("INSERT INTO s.t SELECT a FROM ");
        for (int i = 0; i < 500; i++) {
            sql.append("(SELECT a FROM ");
        }
        sql.append("s.deep");
        for (int i = 0; i < 500; i++) {
            sql.append(") x").append(i);
        }
        LineageResult r = SqlLineage.analyze(sql.toString(), Dialect.ANSI, Context.empty());
        assertThat(names(r.targets())).containsExactly("s.t");
        assertThat(names(r.sources())).containsExactly("s.deep");
    }

    @Test
    @Timeout(60)
    void unbalancedDeepNestingReturnsAnError() {
        String sql = "SELECT " + "(".repeat(5000) + "1";
        LineageResult r = SqlLineage.analyze(sql, Dialect.ANSI, Context.empty());
        assertThat(r.errors()).isNotEmpty();
    }

    @Test
    @Timeout(60)
    void oneMegabyteStatementIsReadWithinTheBudget() {
        StringBuilder sql = new StringBuilder("INSERT INTO s.big (a, b) SELECT a, b FROM s.src WHERE a IN (");
        while (sql.length() < 1_000_000) {
            sql.append("12345, ");
        }
        sql.append("1)");
        LineageResult r = SqlLineage.analyze(sql.toString(), Dialect.ANSI, Context.empty());
        assertThat(names(r.targets())).containsExactly("s.big");
        assertThat(names(r.sources())).containsExactly("s.src");
        assertThat(r.errors()).extracting(LineageError::kind).containsExactly(LineageError.Kind.TOO_LARGE);
    }

    @Test
    void invalidUtf8DecodedWithReplacementCharactersStillAnalyses() {
        byte[] bytes = "INSERT INTO s.t SELECT a FROM s.src WHERE b = 'xx'".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 2] = (byte) 0xC3;
        bytes[bytes.length - 3] = (byte) 0xFF;
        String sql = new String(bytes, StandardCharsets.UTF_8);
        LineageResult r = SqlLineage.analyze(sql, Dialect.ANSI, Context.empty());
        assertThat(names(r.targets())).containsExactly("s.t");
        String binary = new String(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 1, 2, (byte) 0x80}, StandardCharsets.UTF_8);
        assertThat(SqlLineage.analyze(binary, Dialect.SNOWFLAKE, Context.empty()).sources()).isEmpty();
    }

    @Test
    void badStatementInScriptKeepsTheOthersAndSaysWhere() {
        LineageResult r = SqlLineage.analyze("INSERT INTO s.a SELECT x FROM s.b;\nnonsense here;\nINSERT INTO s.c SELECT y FROM s.d",
                Dialect.ANSI, Context.empty());
        assertThat(names(r.targets())).containsExactly("s.a", "s.c");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.statement()).isEqualTo(2);
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void unknownDialectListsTheKnownOnes() {
        assertThatThrownBy(() -> Dialect.of("cobol")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown dialect 'cobol'").hasMessageContaining("snowflake")
                .hasMessageContaining("materialize");
        assertThat(Dialect.of("PostgreSQL")).isEqualTo(Dialect.POSTGRES);
        assertThat(Dialect.values()).hasSize(21);
    }

    @Test
    void starIsExpandedOnlyFromTheCatalog() {
        String sql = "CREATE TABLE s.t AS SELECT * FROM s.a JOIN s.b ON a.id = b.id";
        assertThat(SqlLineage.analyze(sql, Dialect.ANSI, Context.empty()).columnEdges()).isEmpty();
        Context known = Context.empty().withCatalog(Map.of("s.a", List.of("id", "x"), "s.b", List.of("y")));
        assertThat(SqlLineage.analyze(sql, Dialect.ANSI, known).columnEdges())
                .extracting(e -> e.source().qualified() + ">" + e.target().qualified())
                .containsExactly("s.a.id>s.t.id", "s.a.x>s.t.x", "s.b.y>s.t.y");
    }

    @Test
    void truncatedStatementFromAQueryLogIsReadTokenByTokenWithoutTheParser() {
        // Redshift's STL_QUERY keeps 4,000 characters: the text ends mid-subquery
        LineageResult r = SqlLineage.analyze("insert into mart.t select a, b from raw.s s join raw.u u on "
                + "(u.id = s.id and u.flag in (select f from raw.flags", Dialect.REDSHIFT, Context.empty());
        assertThat(r.sources()).extracting(TableName::qualified).containsExactly("raw.s", "raw.u", "raw.flags");
        assertThat(r.targets()).extracting(TableName::qualified).containsExactly("mart.t");
        assertThat(r.method()).isEqualTo(Method.FALLBACK);
        assertThat(r.columnEdges()).isEmpty();
    }

    @Test
    void budgetsAreValidated() {
        assertThatThrownBy(() -> new SqlLineage(Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SqlLineage(Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
