package io.mcpush.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server the other modules' tests rely on: the settings they assume, checked where they come from. */
class MariaDbServerIT {
    private static MariaDbServer server;

    @BeforeAll
    static void start() {
        server = MariaDbServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> column(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect("root", ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void runsInANonUtcTimeZoneWithUtf8mb4() throws SQLException {
        assertThat(column("SELECT @@global.time_zone")).containsExactly("+05:30");
        assertThat(column("SELECT @@character_set_server")).containsExactly("utf8mb4");
    }

    @Test
    void keepsStatementHistoryInPerformanceSchema() throws SQLException {
        assertThat(column("SELECT @@performance_schema")).containsExactly("1");
        assertThat(column("SELECT NAME FROM performance_schema.setup_consumers WHERE ENABLED = 'YES'"))
                .contains("events_statements_current", "events_statements_history_long");
        server.execute("SELECT 'marker-4711'");
        assertThat(column("SELECT SQL_TEXT FROM performance_schema.events_statements_history_long"))
                .contains("SELECT 'marker-4711'");
    }

    @Test
    void hasNoAnonymousAccountsSoNamedAccountsMatchAsWritten() throws SQLException {
        assertThat(column("SELECT Host FROM mysql.user WHERE User = ''")).isEmpty();
        server.execute("CREATE USER reader@'%' IDENTIFIED BY 'pw-1'", "GRANT SELECT ON *.* TO reader@'%'");
        try (Connection c = server.connect("reader", "pw-1"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("reader@%");
        }
    }

    @Test
    void givesUrlsForEitherDriverScheme() {
        assertThat(server.url("mysql", "db")).isEqualTo("jdbc:mysql://127.0.0.1:" + server.port() + "/db");
    }
}
