package io.mcpush.sdk.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.model.WireEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The token-stream parser may only ever accept what the tree parser accepts, with the same
 * result: every valid line and many broken variants are run through both.
 */
class FastEventParserTest {
    private static final String ASSET = "{\"type\": \"TABLE\", \"metadata\": {\"name\": \"ORDERS\", \"database\": \"SHOP\", "
            + "\"schema\": \"RAW\", \"description\": \"d\", \"view_query\": \"select 1\", \"created_on\": \"2026-01-01T00:00:00Z\"}, "
            + "\"tags\": [{\"key\": \"pii\"}, {\"key\": \"domain\", \"value\": \"sales\"}], "
            + "\"fields\": [{\"name\": \"ID\", \"type\": \"NUMBER\"}, {\"name\": \"T\", \"type\": \"VARCHAR\", \"description\": \"x\"}], "
            + "\"volume\": {\"row_count\": 12, \"byte_count\": 34}, \"freshness\": {\"last_update_time\": \"2026-11-25T09:58:12Z\"}}";
    private static final String QUERY = "{\"start_time\": \"2026-11-25T08:00:00Z\", \"end_time\": \"2026-11-25T08:00:04.25+01:00\", "
            + "\"query_text\": \"select 1\", \"query_id\": \"q1\", \"user\": \"U\", \"error_code\": 2003, \"error_text\": \"e\", "
            + "\"returned_rows\": 5, \"extra\": {\"a\": [1, 2.5, \"s\", null, true, {\"b\": 99999999999999999999}]}}";

    private static final String[][] ASSET_MUTATIONS = {
            {"\"TABLE\"", "\"BASE TABLE\""}, {"\"TABLE\"", "\"table\""}, {"\"TABLE\"", "null"}, {"12", "\"12\""},
            {"12", "12.0"}, {"12", "-1"}, {"12", "99999999999999999999"}, {"12", "null"}, {"\"ORDERS\"", "null"},
            {"\"ORDERS\"", "7"}, {"\"name\": \"ORDERS\", ", ""}, {"\"row_count\"", "\"row_cont\""},
            {"\"tags\": [", "\"tags\": null, \"x\": ["}, {"{\"key\": \"pii\"}", "\"pii\""}, {"{\"key\": \"pii\"}", "{}"},
            {"\"description\": \"d\"", "\"description\": null"}, {"\"type\": \"NUMBER\"", "\"type\": null"},
            {"2026-01-01T00:00:00Z", "2026-01-01T00:00:00"}, {"2026-11-25T09:58:12Z", "yesterday"},
            {"\"volume\": {", "\"volume\": null, \"v\": {"}, {"\"freshness\": {", "\"freshness\": ["},
            {"{\"type\"", "{\"relational_asset\": {\"type\""}, {"\"schema\": \"RAW\"", "\"schema\": \"RAW\", \"schema\": \"X\""},
            {"\"fields\": [", "\"fields\": [7, "}, {"\"tags\": [{\"key\": \"pii\"}, ", "\"tags\": ["},
            {"\"volume\": {\"row_count\": 12, \"byte_count\": 34}", "\"volume\": {}"}, {"\"tags\": [", "\"tags\": [], \"t\": ["}};
    private static final String[][] QUERY_MUTATIONS = {
            {"2003", "\"2003\""}, {"2003", "20.03"}, {"2003", "null"}, {"2003", "true"}, {"5", "-5"}, {"5", "\"5\""},
            {"\"start_time\": \"2026-11-25T08:00:00Z\", ", ""}, {"08:00:00Z", "08:00:00"}, {"\"select 1\"", "null"},
            {"\"extra\": {", "\"extra\": null, \"e\": {"}, {"\"extra\": {", "\"extra\": ["}, {"\"user\"", "\"usr\""},
            {"\"q1\"", "1"}, {"\"q1\"", "null"}, {"{\"b\": 99999999999999999999}", "{}"}, {"\"U\"", "\"U\", \"user\": \"V\""}};

    @Test
    void neverAcceptsWhatTheTreeParserRefusesAndAgreesOnWhatItAccepts() {
        int fastAccepted = 0;
        for (String line : variants(ASSET, ASSET_MUTATIONS)) {
            fastAccepted += check(Flow.METADATA, line);
        }
        for (String line : variants(QUERY, QUERY_MUTATIONS)) {
            fastAccepted += check(Flow.QUERY_LOGS, line);
        }
        assertThat(fastAccepted).as("the fast path must take the valid lines").isGreaterThanOrEqualTo(6);
    }

    @Test
    void acceptsTheCanonicalLinesItIsMeantFor() {
        assertThat(FastEventParser.parse(Flow.METADATA, bytes(ASSET), bytes(ASSET).length)).isNotNull();
        assertThat(FastEventParser.parse(Flow.QUERY_LOGS, bytes(QUERY), bytes(QUERY).length)).isNotNull();
        assertThat(FastEventParser.parse(Flow.LINEAGE, bytes("{}"), 2)).isNull();
    }

    private static List<String> variants(String base, String[][] mutations) {
        List<String> out = new ArrayList<>();
        out.add(base);
        out.add(base + " x");
        out.add(base + " {}");
        out.add("[" + base + "]");
        for (String[] m : mutations) {
            assertThat(base).as("mutation target %s", m[0]).contains(m[0]);
            out.add(base.replaceFirst(java.util.regex.Pattern.quote(m[0]), java.util.regex.Matcher.quoteReplacement(m[1])));
        }
        return out;
    }

    private static int check(Flow flow, String line) {
        WireEvent tree;
        try {
            JsonNode node = ManifestReader.JSON.readTree(line);
            tree = EventParser.parse(flow, node);
        } catch (Exception e) {
            tree = null;
        }
        byte[] b = bytes(line);
        WireEvent fast = FastEventParser.parse(flow, b, b.length);
        if (tree == null) {
            assertThat(fast).as("fast parser accepted a line the tree parser refuses: %s", line).isNull();
            return 0;
        }
        if (fast != null) {
            assertThat(fast).as("both parsers accept %s", line).isEqualTo(tree);
            return 1;
        }
        return 0;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
