package io.mcpush.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.lineage.bench.LineageBenchmark;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast parser is an accelerator only: over the whole corpus and the benchmark mix, lineage
 * with it must be exactly the lineage without it (JSqlParser for every statement), and it must
 * actually take the common statements.
 */
class FastParserAgreementTest {
    private static final SqlLineage WITH_FAST = new SqlLineage(SqlLineage.DEFAULT_PARSE_TIMEOUT,
            SqlLineage.DEFAULT_MAX_STATEMENT_CHARS, true);
    private static final SqlLineage WITHOUT_FAST = new SqlLineage(SqlLineage.DEFAULT_PARSE_TIMEOUT,
            SqlLineage.DEFAULT_MAX_STATEMENT_CHARS, false);

    /** Columns of some tables the agreement statements read, so that * and unqualified names resolve. */
    private static final java.util.Map<String, List<String>> CATALOG = java.util.Map.of(
            "raw.s", List.of("id", "v", "a", "b", "c", "x", "y", "z", "region", "ts", "amount", "status"),
            "raw.u", List.of("id", "extra"), "public.a", List.of("id", "x", "y"), "public.b", List.of("id", "x", "y"),
            "s.u", List.of("a", "b", "c", "id"), "dbo.S", List.of("x", "y"), "raw.t", List.of("a", "b", "id"));

    /** One statement; {@code expected} is its corpus case (null outside the corpus). */
    record Sample(String id, String sql, Dialect dialect, Context context,
            com.fasterxml.jackson.databind.JsonNode expected) {
        Sample(String id, String sql, Dialect dialect, Context context) {
            this(id, sql, dialect, context, null);
        }
    }

    static List<Sample> samples() throws Exception {
        List<Sample> all = new ArrayList<>();
        for (LineageCorpusTest.Case c : LineageCorpusTest.corpus()) {
            all.add(new Sample(c.file() + " [" + c.name() + "]", c.node().path("sql").asText(), c.dialect(),
                    c.context(), c.node()));
        }
        String text = new String(FastParserAgreementTest.class.getResourceAsStream("/agreement/statements.sql")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String[] chunks = text.split("(?m)^-- dialect: ");
        for (int k = 1; k < chunks.length; k++) {
            int nl = chunks[k].indexOf('\n');
            Dialect d = Dialect.of(chunks[k].substring(0, nl).strip());
            all.add(new Sample("agreement #" + k, chunks[k].substring(nl + 1).strip(), d,
                    Context.of("DB", "SCH")));
            all.add(new Sample("agreement #" + k + " with catalog", chunks[k].substring(nl + 1).strip(), d,
                    Context.of("DB", "SCH").withCatalog(CATALOG)));
        }
        int i = 0;
        for (LineageBenchmark.Sample s : LineageBenchmark.MIX) {
            all.add(new Sample("bench #" + i++, s.sql(), s.dialect(), Context.of("ANALYTICS", "PUBLIC")));
        }
        return all;
    }

    static String render(LineageResult r) {
        return "sources " + r.sources() + "\ntargets " + r.targets() + "\ntable edges " + r.tableEdges()
                + "\ncolumn edges " + r.columnEdges() + "\nerrors " + r.errors().size() + " method " + r.method();
    }

    @Test
    void fastPathGivesExactlyTheLineageOfTheFullParser() throws Exception {
        List<String> differences = new ArrayList<>();
        for (Sample s : samples()) {
            for (boolean columns : new boolean[] {true, false}) {
                LineageResult fastResult = WITH_FAST.analyze(s.sql(), s.dialect(), s.context(), columns);
                String fast = render(fastResult);
                String full = render(WITHOUT_FAST.analyze(s.sql(), s.dialect(), s.context(), columns));
                if (!fast.equals(full) && !matchesCorpus(fastResult, s.expected(), columns)) {
                    differences.add(s.id() + " columns=" + columns + "\n--- fast\n" + fast + "\n--- full\n" + full);
                }
            }
        }
        assertThat(differences).as("statements whose lineage the fast path changes").isEmpty();
        assertThat(samples()).hasSizeGreaterThan(250);
    }

    /**
     * Where JSqlParser rejects a statement the fast parser reads (table options before AS, ...),
     * the fast path may differ from the full one only by giving exactly the corpus answer.
     */
    private static boolean matchesCorpus(LineageResult r, com.fasterxml.jackson.databind.JsonNode expected,
            boolean columns) {
        if (expected == null) {
            return false;
        }
        java.util.Set<String> sources = new java.util.TreeSet<>();
        r.sources().forEach(t -> sources.add(t.qualified()));
        java.util.Set<String> targets = new java.util.TreeSet<>();
        r.targets().forEach(t -> targets.add(t.qualified()));
        java.util.Set<String> edges = new java.util.TreeSet<>();
        r.columnEdges().forEach(e -> edges.add(e.source().qualified() + " -> " + e.target().qualified()));
        return sources.equals(LineageCorpusTest.texts(expected.path("sources")))
                && targets.equals(LineageCorpusTest.texts(expected.path("targets")))
                && (!columns || edges.equals(LineageCorpusTest.texts(expected.path("columns"))));
    }

    @Test
    void truncatedStatementsNeverThrowAndStillAnalyse() throws Exception {
        int parsedPrefixes = 0;
        int n = 0;
        for (Sample s : samples()) {
            if (s.id().endsWith("with catalog")) {
                continue;
            }
            List<SqlLexer.Token> tokens = SqlLexer.tokenize(s.sql(), s.dialect());
            for (int cut = 1; cut < tokens.size(); cut++) {
                List<SqlLexer.Token> prefix = tokens.subList(0, cut);
                if (FastParser.parse(prefix, s.dialect()) != null) {
                    parsedPrefixes++;
                }
                if (++n % 40 == 0) {
                    String text = s.sql().substring(0, prefix.get(cut - 1).end());
                    LineageResult r = SqlLineage.analyzeTables(text, s.dialect(), s.context());
                    assertThat(r).as(text).isNotNull();
                }
            }
        }
        assertThat(n).isGreaterThan(2000);
        assertThat(parsedPrefixes).as("prefixes that are complete statements themselves").isPositive();
    }

    @Test
    void fastPathTakesTheCommonStatementsOfTheBenchmarkMix() {
        int taken = 0;
        for (LineageBenchmark.Sample s : LineageBenchmark.MIX) {
            List<SqlLexer.Token> tokens = SqlLexer.tokenize(s.sql(), s.dialect());
            if (FastParser.parse(tokens, s.dialect()) != null) {
                taken++;
            }
        }
        assertThat(taken).as("benchmark statements the fast parser reads").isGreaterThanOrEqualTo(16);
    }
}
