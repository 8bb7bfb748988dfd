package io.mcpush.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every case under {@code src/test/resources/corpus/<dialect>/<kind>/*.json} and prints the
 * exact-match rates of table lineage (source and target sets) and column lineage (edge set).
 * A case fails the build unless it matches exactly or records its gap ({@code "known_gap":
 * ["table"|"columns"]}); the overall rates must stay at or above the issue's targets.
 */
class LineageCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String file, String name, Dialect dialect, Context context, JsonNode node) {
    }

    static List<Case> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(LineageCorpusTest.class.getResource("/corpus").toURI());
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Path rel = root.relativize(f);
                Dialect dialect = Dialect.of(rel.getName(0).toString());
                for (JsonNode n : JSON.readTree(f.toFile())) {
                    cases.add(new Case(rel.toString(), n.path("name").asText(), dialect, context(n.path("context")), n));
                }
            }
        }
        return cases;
    }

    static Context context(JsonNode c) {
        if (c.isMissingNode() || c.isNull()) {
            return Context.empty();
        }
        Map<String, List<String>> catalog = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = c.path("catalog").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> cols = new ArrayList<>();
            e.getValue().forEach(v -> cols.add(v.asText()));
            catalog.put(e.getKey(), cols);
        }
        return new Context(c.path("database").isTextual() ? c.path("database").asText() : null,
                c.path("schema").isTextual() ? c.path("schema").asText() : null, catalog);
    }

    static Set<String> texts(JsonNode array) {
        Set<String> r = new TreeSet<>();
        array.forEach(v -> r.add(v.asText()));
        return r;
    }

    @Test
    void corpusMeetsTheRecordedExpectationsAndTheAccuracyTargets() throws Exception {
        List<Case> cases = corpus();
        int tableOk = 0;
        int columnOk = 0;
        List<String> regressions = new ArrayList<>();
        List<String> fixedGaps = new ArrayList<>();
        Map<Dialect, int[]> byDialect = new LinkedHashMap<>();
        for (Case c : cases) {
            LineageResult r = SqlLineage.analyze(c.node().path("sql").asText(), c.dialect(), c.context());
            Set<String> sources = r.sources().stream().map(TableName::qualified).collect(Collectors.toCollection(TreeSet::new));
            Set<String> targets = r.targets().stream().map(TableName::qualified).collect(Collectors.toCollection(TreeSet::new));
            Set<String> columns = r.columnEdges().stream()
                    .map(e -> e.source().qualified() + " -> " + e.target().qualified())
                    .collect(Collectors.toCollection(TreeSet::new));
            boolean wantError = c.node().path("error").asBoolean(false);
            boolean tables = sources.equals(texts(c.node().path("sources")))
                    && targets.equals(texts(c.node().path("targets"))) && wantError == r.hasErrors();
            boolean cols = columns.equals(texts(c.node().path("columns")));
            Set<String> gaps = texts(c.node().path("known_gap"));
            tableOk += tables ? 1 : 0;
            columnOk += cols ? 1 : 0;
            int[] d = byDialect.computeIfAbsent(c.dialect(), k -> new int[3]);
            d[0]++;
            d[1] += tables ? 1 : 0;
            d[2] += cols ? 1 : 0;
            String id = c.file() + " [" + c.name() + "]";
            if (!tables && !gaps.contains("table") || !cols && !gaps.contains("columns")) {
                regressions.add(id + "\n    sources " + sources + "\n    targets " + targets + "\n    columns "
                        + columns + "\n    errors " + r.errors());
            }
            if (tables && gaps.contains("table") || cols && gaps.contains("columns")) {
                fixedGaps.add(id);
            }
        }
        double tableRate = 100.0 * tableOk / cases.size();
        double columnRate = 100.0 * columnOk / cases.size();
        System.out.printf("lineage corpus: %d cases, exact table lineage %d (%.1f %%), exact column lineage %d (%.1f %%)%n",
                cases.size(), tableOk, tableRate, columnOk, columnRate);
        byDialect.forEach((d, v) -> System.out.printf("  %-12s %3d cases  table %3d  columns %3d%n", d.displayName(),
                v[0], v[1], v[2]));
        fixedGaps.forEach(f -> System.out.println("  now passing, remove its known_gap: " + f));
        assertThat(regressions).as("cases that no longer match their expectations").isEmpty();
        assertThat(cases.size()).isGreaterThanOrEqualTo(150);
        assertThat(tableRate).as("exact table lineage %").isGreaterThanOrEqualTo(97.0);
        assertThat(columnRate).as("exact column lineage %").isGreaterThanOrEqualTo(90.0);
    }
}
