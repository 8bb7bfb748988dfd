package io.mcpush.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MySqlConfigTest {
    @Test
    void mysqlSchemeUrlsGetTheFlagTheMariaDbDriverWantsAndMariaDbUrlsStayAsGiven() {
        assertThat(MySqlConfig.driverUrl("jdbc:mysql://db:3306/shop")).isEqualTo("jdbc:mysql://db:3306/shop?permitMysqlScheme");
        assertThat(MySqlConfig.driverUrl("jdbc:mysql://db/shop?sslMode=verify-full"))
                .isEqualTo("jdbc:mysql://db/shop?sslMode=verify-full&permitMysqlScheme");
        assertThat(MySqlConfig.driverUrl("jdbc:mysql://db/?permitMysqlScheme")).isEqualTo("jdbc:mysql://db/?permitMysqlScheme");
        assertThat(MySqlConfig.driverUrl("jdbc:mariadb://db:3307/x")).isEqualTo("jdbc:mariadb://db:3307/x");
    }

    @Test
    void otherUrlsAreAConfigErrorNamingTheOptionWithoutItsParameters() {
        assertThatThrownBy(() -> MySqlConfig.driverUrl("jdbc:postgresql://db/x?password=hunter2"))
                .isInstanceOf(SourceConfigException.class)
                .satisfies(e -> assertThat(((SourceConfigException) e).option()).isEqualTo("jdbc-url"))
                .hasMessageContaining("jdbc:mysql://").hasMessageContaining("jdbc:mariadb://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theDatabaseNameDefaultsToDefAndCanBeNamed() {
        MySqlConfig c = MySqlConfig.from(SourceOptions.of("mysql", Map.of("jdbc-url", "jdbc:mysql://db/")));
        assertThat(c.databaseName()).isEqualTo("def");
        assertThat(c.jdbc().url()).isEqualTo("jdbc:mysql://db/?permitMysqlScheme");
        assertThat(MySqlConfig.from(SourceOptions.of("mysql", Map.of("jdbc-url", "jdbc:mariadb://db/",
                "database-name", "prod"))).databaseName()).isEqualTo("prod");
    }

    @Test
    void unknownOptionsAndPasswordValuesAreRefused() {
        MySqlSourceFactory f = new MySqlSourceFactory();
        assertThatThrownBy(() -> f.create(SourceOptions.of("mysql", Map.of("jdbc-url", "jdbc:mysql://db/",
                "log-file", "x")))).isInstanceOf(SourceConfigException.class).hasMessageContaining("--log-file");
        assertThatThrownBy(() -> f.create(SourceOptions.of("mysql", Map.of("jdbc-url", "jdbc:mysql://db/",
                "password", "hunter2")))).isInstanceOf(SourceConfigException.class)
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> f.create(SourceOptions.of("mysql", Map.of())))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("jdbc-url");
    }
}
