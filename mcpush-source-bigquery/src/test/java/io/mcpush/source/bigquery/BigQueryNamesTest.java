package io.mcpush.source.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.source.SourceConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BigQueryNamesTest {
    @Test
    void quotingEscapesBackticksBackslashesAndControlCharactersTheGoogleSqlWay() {
        assertThat(BigQueryNames.quote("orders")).isEqualTo("`orders`");
        assertThat(BigQueryNames.quote("we`ird")).isEqualTo("`we\\`ird`");
        assertThat(BigQueryNames.quote("back\\slash")).isEqualTo("`back\\\\slash`");
        assertThat(BigQueryNames.quote("two\nlines\t")).isEqualTo("`two\\nlines\\t`");
        assertThat(BigQueryNames.quote("bell\u0007")).isEqualTo("`bell\\u0007`");
        assertThat(BigQueryNames.quote("Kampagnen – Übersicht")).isEqualTo("`Kampagnen – Übersicht`");
    }

    @Test
    void aQuotedPathReadsBackAsExactlyItsParts() {
        for (String hostile : List.of("we`ird", "a\\`b", "x.y", "订单", "ends with \\", "`", "mixed Case\n")) {
            String sql = "SELECT 1 FROM " + BigQueryNames.datasetView("acme-analytics", hostile, "TABLES");
            assertThat(BigQueryStandIn.pathBefore(sql, ".INFORMATION_SCHEMA.TABLES"))
                    .containsExactly("acme-analytics", hostile);
        }
    }

    @Test
    void regionsAreNormalisedToTheInformationSchemaQualifier() {
        assertThat(BigQueryNames.region("region", "us")).isEqualTo("region-us");
        assertThat(BigQueryNames.region("region", "EU")).isEqualTo("region-eu");
        assertThat(BigQueryNames.region("region", "europe-west4")).isEqualTo("region-europe-west4");
        assertThat(BigQueryNames.region("region", "region-asia-northeast1")).isEqualTo("region-asia-northeast1");
        assertThatThrownBy(() -> BigQueryNames.region("region", "us`; DROP"))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("--region");
    }

    @Test
    void projectIdsAreChecked() {
        assertThat(BigQueryNames.project("project", "acme-analytics")).isEqualTo("acme-analytics");
        assertThat(BigQueryNames.project("project", "example.com:legacy-proj")).isEqualTo("example.com:legacy-proj");
        assertThatThrownBy(() -> BigQueryNames.project("projects", "Acme Analytics"))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("--projects");
    }
}
