package io.mcpush.source.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabricksSourceTest {
    @Test
    void aConnectionFailureKeepsTheDriversFirstSentenceAndTheRootCause() {
        // the message chain the driver (3.4.5) gives for a refused connection, as JdbcConnector joins it
        String chain = "Connection failure while using the OSS Databricks JDBC driver. Failed to connect to server: "
                + "https://127.0.0.1:1 com.databricks.jdbc.exception.DatabricksSQLException: Error while receiving "
                + "response from Thrift server. Request {TOpenSessionReq(client_protocol:__HIVE_JDBC_WORKAROUND, "
                + "configuration:{}, client_protocol_i64:42250, initialNamespace:TNamespace(schemaName:default), "
                + "canUseMultipleCatalogs:true)}, Error {Failed to flush data to server: Caught error while executing "
                + "http request: [https://127.0.0.1:1//sql/1.0/warehouses/x]. Error Message: "
                + "[com.databricks.internal.apache.http.conn.HttpHostConnectException: Connect to 127.0.0.1:1 "
                + "[/127.0.0.1] failed: Connection refused]}";
        assertThat(DatabricksSource.shortCause(chain)).isEqualTo("Connection failure while using the OSS Databricks "
                + "JDBC driver. Failed to connect to server: https://127.0.0.1:1 (HttpHostConnectException: Connect to "
                + "127.0.0.1:1 [/127.0.0.1] failed: Connection refused)");
        assertThat(DatabricksSource.shortCause("Invalid credentials")).isEqualTo("Invalid credentials");
    }
}
