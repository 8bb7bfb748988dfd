package io.mcpush.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NameFilterTest {
    @Test
    void patternsMatchWholeNamesAndExclusionWins() {
        NameFilter f = new NameFilter(null, Pattern.compile("scratch"), Pattern.compile("stg_.*|marts"),
                Pattern.compile("stg_old"), null, Pattern.compile("tmp_.*"));

        assertThat(f.database("shop")).isTrue();
        assertThat(f.database("scratch")).isFalse();
        assertThat(f.database("scratchpad")).isTrue();
        assertThat(f.schema("stg_orders")).isTrue();
        assertThat(f.schema("stg_old")).isFalse();
        assertThat(f.schema("xmarts")).isFalse();
        assertThat(f.table("tmp_1")).isFalse();
        assertThat(f.table("orders_tmp_1")).isTrue();
    }
}
