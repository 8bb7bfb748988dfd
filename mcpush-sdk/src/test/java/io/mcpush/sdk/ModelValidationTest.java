package io.mcpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.AssetMetadata;
import io.mcpush.sdk.model.ColumnLineageField;
import io.mcpush.sdk.model.ColumnLineageSourceField;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.model.Tag;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelValidationTest {
    private static final Instant T = Instant.parse("2026-03-02T12:00:05Z");
    private static final AssetMetadata MD = new AssetMetadata("ORDERS", "SALES", "CORE");

    @Test
    void metadataRefusesNullRequiredFields() {
        assertThatThrownBy(() -> new AssetMetadata(null, "SALES", "CORE"))
                .isInstanceOf(NullPointerException.class).hasMessage("name is null");
        assertThatThrownBy(() -> new AssetMetadata("ORDERS", null, "CORE"))
                .isInstanceOf(NullPointerException.class).hasMessage("database is null");
        assertThatThrownBy(() -> new AssetMetadata("ORDERS", "SALES", null))
                .isInstanceOf(NullPointerException.class).hasMessage("schema is null");
    }

    @Test
    void tagFieldAndRefRefuseNullRequiredFields() {
        assertThatThrownBy(() -> new Tag(null, "v")).isInstanceOf(NullPointerException.class).hasMessage("key is null");
        assertThatThrownBy(() -> new AssetField("ID", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("type is null");
        assertThatThrownBy(() -> new AssetField(null, "INT")).isInstanceOf(NullPointerException.class)
                .hasMessage("name is null");
        assertThatThrownBy(() -> new LineageAssetRef(null, "T", "D", "S", null))
                .isInstanceOf(NullPointerException.class).hasMessage("type is null");
        assertThatThrownBy(() -> new ColumnLineageSourceField("s1", null))
                .isInstanceOf(NullPointerException.class).hasMessage("fieldName is null");
        assertThatThrownBy(() -> new ColumnLineageField("C", null))
                .isInstanceOf(NullPointerException.class).hasMessage("sourceFields is null");
    }

    @Test
    void relationalAssetRefusesTypesOtherThanTableOrView() {
        assertThatThrownBy(() -> new RelationalAsset("BASE TABLE", MD))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("type must be TABLE or VIEW, not 'BASE TABLE'");
        assertThatThrownBy(() -> new RelationalAsset("table", MD))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("type must be TABLE or VIEW, not 'table'");
        assertThatThrownBy(() -> new RelationalAsset(null, MD))
                .isInstanceOf(NullPointerException.class).hasMessage("type is null");
        assertThatThrownBy(() -> new RelationalAsset("TABLE", null))
                .isInstanceOf(NullPointerException.class).hasMessage("metadata is null");
    }

    @Test
    void relationalAssetCopiesItsLists() {
        List<Tag> tags = new ArrayList<>(List.of(Tag.of("pii")));
        RelationalAsset asset = new RelationalAsset("VIEW", MD, tags, null, null, null);
        tags.clear();
        assertThat(asset.tags()).containsExactly(Tag.of("pii"));
        assertThat(asset.fields()).isEmpty();
    }

    @Test
    void lineageEventRefusesAnEmptySourceList() {
        assertThatThrownBy(() -> new LineageEvent(LineageAssetRef.table("D", "S", "T"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a lineage event needs at least one source");
        assertThatThrownBy(() -> new LineageEvent(LineageAssetRef.table("D", "S", "T"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("sources is null");
        assertThatThrownBy(() -> new LineageEvent(null, List.of(LineageAssetRef.table("D", "S", "U"))))
                .isInstanceOf(NullPointerException.class).hasMessage("destination is null");
    }

    @Test
    void lineageEventRefusesAColumnMappedFromAnUnknownAssetId() {
        assertThatThrownBy(() -> new LineageEvent(
                new LineageAssetRef("TABLE", "T", "D", "S", "d1"),
                List.of(new LineageAssetRef("TABLE", "U", "D", "S", "s1"), LineageAssetRef.table("D", "S", "V")),
                List.of(new ColumnLineageField("C", List.of(new ColumnLineageSourceField("s1", "A"),
                        new ColumnLineageSourceField("zz", "B"))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'C' maps from asset_id 'zz', which names none of the event's sources");
    }

    @Test
    void lineageEventRefusesAColumnMappedFromTheDestinationAssetId() {
        assertThatThrownBy(() -> new LineageEvent(
                new LineageAssetRef("TABLE", "T", "D", "S", "d1"),
                List.of(new LineageAssetRef("TABLE", "U", "D", "S", "s1")),
                List.of(new ColumnLineageField("C", List.of(new ColumnLineageSourceField("d1", "A"))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'C' maps from asset_id 'd1', which names none of the event's sources");
    }

    @Test
    void queryLogEntryRefusesNullRequiredFields() {
        assertThatThrownBy(() -> new QueryLogEntry(null, T, "q"))
                .isInstanceOf(NullPointerException.class).hasMessage("startTime is null");
        assertThatThrownBy(() -> new QueryLogEntry(T, null, "q"))
                .isInstanceOf(NullPointerException.class).hasMessage("endTime is null");
        assertThatThrownBy(() -> new QueryLogEntry(T, T, null))
                .isInstanceOf(NullPointerException.class).hasMessage("queryText is null");
    }

    @Test
    void queryLogEntryRefusesAnErrorCodeThatIsNeitherStringNorInteger() {
        for (Object code : new Object[] {1.5, 2003.0f, Boolean.TRUE, List.of(1)}) {
            assertThatThrownBy(() -> new QueryLogEntry(T, T, "q", null, null, code, null, null, null))
                    .as("errorCode %s", code)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("errorCode must be a string or an integer");
        }
    }

    @Test
    void queryLogEntryAcceptsStringAndIntegralErrorCodes() {
        for (Object code : new Object[] {"42P01", 2003, 2003L, BigInteger.TEN}) {
            assertThat(new QueryLogEntry(T, T, "q", null, null, code, null, null, null).errorCode()).isEqualTo(code);
        }
    }

    @Test
    void queryLogEntryCopiesExtra() {
        Map<String, Object> extra = new HashMap<>();
        extra.put("k", 1);
        QueryLogEntry e = new QueryLogEntry(T, T, "q", null, null, null, null, null, extra);
        extra.put("later", 2);
        assertThat(e.extra()).containsOnlyKeys("k");
        assertThatThrownBy(() -> e.extra().put("x", 3)).isInstanceOf(UnsupportedOperationException.class);
    }
}
