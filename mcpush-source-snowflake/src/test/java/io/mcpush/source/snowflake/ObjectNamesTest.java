package io.mcpush.source.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectNamesTest {
    @Test
    void unquotedPartsAreTakenAsSnowflakeResolvedThem() {
        assertThat(ObjectNames.split("SALES.CORE.ORDERS")).containsExactly("SALES", "CORE", "ORDERS");
    }

    @Test
    void quotedPartsKeepDotsSpacesCaseAndDoubledQuotes() {
        assertThat(ObjectNames.split("SALES.\"Mixed Case\".\"order.items 2026\""))
                .containsExactly("SALES", "Mixed Case", "order.items 2026");
        assertThat(ObjectNames.split("\"analytics lab\".MART.\"say \"\"hi\"\"\""))
                .containsExactly("analytics lab", "MART", "say \"hi\"");
        assertThat(ObjectNames.split("DB.\"ünïcødé_表\".T")).containsExactly("DB", "ünïcødé_表", "T");
    }

    @Test
    void malformedNamesAreRefused() {
        assertThat(ObjectNames.split("")).isNull();
        assertThat(ObjectNames.split(null)).isNull();
        assertThat(ObjectNames.split("A..B")).isNull();
        assertThat(ObjectNames.split("A.B.")).isNull();
        assertThat(ObjectNames.split("A.\"B")).isNull();
        assertThat(ObjectNames.split("A.\"B\"C")).isNull();
    }
}
