package io.mcpush.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.model.ColumnLineageField;
import io.mcpush.sdk.model.ColumnLineageSourceField;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineageEventsTest {
    private static final LineageEvents.Table ORDERS = new LineageEvents.Table("SHOP", "RAW", "ORDERS", "TABLE");
    private static final LineageEvents.Table CUSTOMERS = new LineageEvents.Table("SHOP", "RAW", "CUSTOMERS", "TABLE");
    private static final LineageEvents.Table DAILY = new LineageEvents.Table("SHOP", "MART", "DAILY", "TABLE");
    private static final LineageEvents.Table V = new LineageEvents.Table("SHOP", "MART", "V_DAILY", "VIEW");

    private static List<LineageEvent> drain(LineageEvents events) {
        List<LineageEvent> out = new ArrayList<>();
        try (EventStream<LineageEvent> s = events.events()) {
            LineageEvent e;
            while ((e = s.next()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void oneEventPerDestinationWithDeduplicatedSourcesAndColumns() {
        LineageEvents events = new LineageEvents();
        assertThat(events.column(ORDERS, "AMOUNT", DAILY, "REVENUE")).isTrue();
        assertThat(events.column(ORDERS, "AMOUNT", DAILY, "REVENUE")).isTrue(); // the same edge from another query
        events.column(CUSTOMERS, "COUNTRY", DAILY, "COUNTRY");
        events.table(ORDERS, DAILY);
        events.table(DAILY, V);
        assertThat(events.table(ORDERS, ORDERS)).as("a table feeding itself").isFalse();
        assertThat(events.size()).isEqualTo(2);

        List<LineageEvent> out = drain(events);
        assertThat(out).extracting(e -> e.destination().name()).containsExactly("DAILY", "V_DAILY");
        LineageEvent daily = out.get(0);
        assertThat(daily.destination().assetId()).isNull();
        assertThat(daily.sources()).extracting(LineageAssetRef::name, LineageAssetRef::assetId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ORDERS", "SHOP:RAW.ORDERS"),
                        org.assertj.core.groups.Tuple.tuple("CUSTOMERS", "SHOP:RAW.CUSTOMERS"));
        assertThat(daily.fields()).extracting(ColumnLineageField::name).containsExactly("REVENUE", "COUNTRY");
        assertThat(daily.fields().get(0).sourceFields()).extracting(ColumnLineageSourceField::assetId,
                ColumnLineageSourceField::fieldName).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "SHOP:RAW.ORDERS", "AMOUNT"));
        LineageEvent view = out.get(1);
        assertThat(view.destination().type()).isEqualTo("VIEW");
        assertThat(view.sources()).singleElement().satisfies(s -> assertThat(s.assetId())
                .as("table-level events carry no asset ids").isNull());
        assertThat(view.fields()).isEmpty();
    }

    @Test
    void eventsAreBuiltOnce() {
        LineageEvents events = new LineageEvents();
        events.table(ORDERS, DAILY);
        drain(events);
        assertThatThrownBy(events::events).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> events.table(CUSTOMERS, DAILY)).isInstanceOf(IllegalStateException.class);
    }
}
