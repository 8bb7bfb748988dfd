package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.emulator.EmulatedWarehouse;
import io.mcpush.emulator.Emulator;
import io.mcpush.emulator.EmulatorConfig;
import io.mcpush.emulator.GraphqlKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcesCommandIT {
    @Test
    void listsTheAccountsWarehousesWithUuidAndConnectionType() {
        try (Emulator emulator = Emulator.start(EmulatorConfig.builder().port(0)
                .graphqlKey(new GraphqlKey(ValidateCommandIT.API_ID, ValidateCommandIT.API_TOKEN))
                .warehouse(new EmulatedWarehouse(Manifests.UUID, "prod snowflake", "snowflake")).build())) {
            Map<String, String> env = Map.of("MCD_ID", ValidateCommandIT.API_ID, "MCD_TOKEN", ValidateCommandIT.API_TOKEN,
                    "MCD_API_ENDPOINT", emulator.graphqlUrl().toString());

            Cli.Run run = ValidateCommandIT.run(env, "resources");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains(Manifests.UUID).contains("snowflake").contains("prod snowflake");
            assertThat(run.all()).doesNotContain(ValidateCommandIT.API_TOKEN);
        }
    }

    @Test
    void withoutAGraphqlKeyItStopsWithExitTwo() {
        Cli.Run run = ValidateCommandIT.run(Map.of(), "resources");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("MCD_ID and MCD_TOKEN");
    }
}
