package io.mcpush.source.snowflake;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A local TWIN of the Snowflake system views the collector reads, in in-process DuckDB, because
 * Snowflake cannot run here. The tables reproduce the documented columns (names and meaning) of
 * Snowflake's {@code SHOW DATABASES} output, {@code <db>.INFORMATION_SCHEMA.SCHEMATA / TABLES /
 * COLUMNS / VIEWS} and {@code SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY / ACCESS_HISTORY} (only the
 * columns the collector reads, plus a few neighbours), and every row is HAND-WRITTEN to look like
 * what Snowflake returns — including ACCESS_HISTORY's VARIANT JSON with {@code directSources}.
 *
 * <p>The production SQL runs unchanged except for two documented substitutions
 * ({@link SnowflakeCatalog}): DuckDB reserves the schema name {@code INFORMATION_SCHEMA} in every
 * catalog, so the twin's per-database views live in {@code SF_INFORMATION_SCHEMA}; and DuckDB's
 * {@code SHOW DATABASES} has other columns, so the twin answers a SELECT over a table holding
 * Snowflake's SHOW DATABASES columns. Snowflake functions and types the SQL uses exist here as
 * macros and type aliases with Snowflake's semantics: {@code CONVERT_TIMEZONE(tz, ts)},
 * {@code ARRAY_SIZE(variant)}, {@code TIMESTAMP_NTZ}, {@code TIMESTAMP_LTZ}. The session time
 * zone is deliberately not UTC, to show nothing depends on it.
 */
final class SnowflakeTwin {
    static final SnowflakeCatalog CATALOG = new SnowflakeCatalog("SF_INFORMATION_SCHEMA", "SNOWFLAKE",
            "ACCOUNT_USAGE", "SELECT * FROM \"SNOWFLAKE\".\"TWIN\".\"SHOW_DATABASES\"");

    private SnowflakeTwin() {
    }

    /** A new in-memory twin with the standard hand-written account, with or without ACCESS_HISTORY. */
    static Connection open(boolean withAccessHistory) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            for (String sql : SETUP.split(";\n")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            if (withAccessHistory) {
                for (String sql : ACCESS_HISTORY.split(";\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
        }
        return c;
    }

    /** Per-database INFORMATION_SCHEMA views, with Snowflake's documented columns. */
    private static String informationSchema(String db) {
        String is = db + ".SF_INFORMATION_SCHEMA";
        return """
                CREATE SCHEMA @IS@;
                CREATE TABLE @IS@.SCHEMATA (CATALOG_NAME VARCHAR, SCHEMA_NAME VARCHAR, SCHEMA_OWNER VARCHAR,
                  IS_TRANSIENT VARCHAR, IS_MANAGED_ACCESS VARCHAR, RETENTION_TIME INTEGER, DEFAULT_CHARACTER_SET_CATALOG VARCHAR,
                  CREATED TIMESTAMPTZ, LAST_ALTERED TIMESTAMPTZ, COMMENT VARCHAR);
                CREATE TABLE @IS@.TABLES (TABLE_CATALOG VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR,
                  TABLE_OWNER VARCHAR, TABLE_TYPE VARCHAR, IS_TRANSIENT VARCHAR, CLUSTERING_KEY VARCHAR, ROW_COUNT BIGINT,
                  BYTES BIGINT, RETENTION_TIME INTEGER, CREATED TIMESTAMPTZ, LAST_ALTERED TIMESTAMPTZ, LAST_DDL TIMESTAMPTZ,
                  AUTO_CLUSTERING_ON VARCHAR, COMMENT VARCHAR, IS_TEMPORARY VARCHAR, IS_ICEBERG VARCHAR, IS_DYNAMIC VARCHAR);
                CREATE TABLE @IS@.COLUMNS (TABLE_CATALOG VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR,
                  COLUMN_NAME VARCHAR, ORDINAL_POSITION INTEGER, COLUMN_DEFAULT VARCHAR, IS_NULLABLE VARCHAR, DATA_TYPE VARCHAR,
                  CHARACTER_MAXIMUM_LENGTH INTEGER, CHARACTER_OCTET_LENGTH INTEGER, NUMERIC_PRECISION INTEGER,
                  NUMERIC_PRECISION_RADIX INTEGER, NUMERIC_SCALE INTEGER, DATETIME_PRECISION INTEGER, IS_IDENTITY VARCHAR,
                  COMMENT VARCHAR);
                CREATE TABLE @IS@.VIEWS (TABLE_CATALOG VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR,
                  TABLE_OWNER VARCHAR, VIEW_DEFINITION VARCHAR, CHECK_OPTION VARCHAR, IS_UPDATABLE VARCHAR,
                  INSERTABLE_INTO VARCHAR, IS_SECURE VARCHAR, CREATED TIMESTAMPTZ, LAST_ALTERED TIMESTAMPTZ, COMMENT VARCHAR);
                """.replace("@IS@", is);
    }

    private static final String SETUP = "SET TimeZone = 'Asia/Kolkata';\n"
            + "CREATE MACRO CONVERT_TIMEZONE(tz, ts) AS timezone(tz, ts);\n"
            + "CREATE MACRO ARRAY_SIZE(v) AS json_array_length(v);\n"
            + "CREATE TYPE TIMESTAMP_NTZ AS TIMESTAMP;\n"
            + "CREATE TYPE TIMESTAMP_LTZ AS TIMESTAMPTZ;\n"
            + "ATTACH ':memory:' AS \"SNOWFLAKE\";\n"
            + "CREATE SCHEMA \"SNOWFLAKE\".\"TWIN\";\n"
            + """
            CREATE TABLE "SNOWFLAKE"."TWIN"."SHOW_DATABASES" (created_on TIMESTAMPTZ, name VARCHAR, is_default VARCHAR,
              is_current VARCHAR, origin VARCHAR, owner VARCHAR, comment VARCHAR, options VARCHAR, retention_time VARCHAR,
              kind VARCHAR);
            INSERT INTO "SNOWFLAKE"."TWIN"."SHOW_DATABASES" VALUES
              ('2024-03-01 09:00:00+00', 'SALES', 'N', 'N', '', 'SYSADMIN', 'sales data', '', '1', 'STANDARD'),
              ('2024-05-01 09:00:00+00', 'analytics lab', 'N', 'N', '', 'ANALYST', '', '', '1', 'STANDARD'),
              ('2024-06-01 09:00:00+00', 'RETIRED', 'N', 'N', '', 'SYSADMIN', 'no usage granted', '', '1', 'STANDARD'),
              ('2023-01-01 00:00:00+00', 'SNOWFLAKE', 'N', 'N', 'SNOWFLAKE.ACCOUNT_USAGE', '', '', '', '0', 'APPLICATION'),
              ('2023-01-01 00:00:00+00', 'SNOWFLAKE_SAMPLE_DATA', 'N', 'N', 'SFC_SAMPLES.SAMPLE_DATA', 'ACCOUNTADMIN', '',
               '', '0', 'IMPORTED DATABASE');
            ATTACH ':memory:' AS "SALES";
            ATTACH ':memory:' AS "analytics lab";
            ATTACH ':memory:' AS "RETIRED";
            """
            + informationSchema("\"SALES\"") + informationSchema("\"analytics lab\"")
            + """
            INSERT INTO "SALES".SF_INFORMATION_SCHEMA.SCHEMATA (CATALOG_NAME, SCHEMA_NAME, SCHEMA_OWNER, IS_TRANSIENT)
              VALUES ('SALES', 'CORE', 'SYSADMIN', 'NO'), ('SALES', 'INFORMATION_SCHEMA', '', 'NO'),
                     ('SALES', 'Mixed Case', 'SYSADMIN', 'NO'), ('SALES', 'PUBLIC', 'SYSADMIN', 'NO');
            INSERT INTO "SALES".SF_INFORMATION_SCHEMA.TABLES (TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_OWNER, TABLE_TYPE,
              IS_TRANSIENT, ROW_COUNT, BYTES, CREATED, LAST_ALTERED, COMMENT) VALUES
              ('SALES', 'CORE', 'ORDERS', 'SYSADMIN', 'BASE TABLE', 'NO', 48210, 3145728,
               '2024-03-02 10:00:00-08:00', '2026-11-25 02:00:00-08:00', 'one row per order'),
              ('SALES', 'CORE', 'CUSTOMERS', 'SYSADMIN', 'BASE TABLE', 'NO', 1200, 65536,
               '2024-03-02 10:05:00+00', '2026-11-24 23:59:59.123456+00', NULL),
              ('SALES', 'CORE', 'STG_EVENTS', 'SYSADMIN', 'BASE TABLE', 'YES', 0, 0,
               '2026-11-01 00:00:00+00', '2026-11-25 06:30:00+05:30', 'transient staging'),
              ('SALES', 'CORE', 'EXT_CLICKS', 'SYSADMIN', 'EXTERNAL TABLE', 'NO', NULL, NULL,
               '2025-01-01 00:00:00+00', '2025-01-01 00:00:00+00', 'clicks on S3'),
              ('SALES', 'CORE', 'MV_DAILY', 'SYSADMIN', 'MATERIALIZED VIEW', 'NO', 365, 8192,
               '2025-02-01 00:00:00+00', '2026-11-25 09:00:00+00', NULL),
              ('SALES', 'CORE', 'APP_EVENTS', 'SYSADMIN', 'EVENT TABLE', 'NO', 10, 4096,
               '2025-02-01 00:00:00+00', '2026-11-25 09:15:00+00', NULL),
              ('SALES', 'CORE', 'V_OPEN_ORDERS', 'SYSADMIN', 'VIEW', 'NO', NULL, NULL,
               '2025-03-01 00:00:00+00', '2025-03-01 00:00:00+00', 'orders not shipped'),
              ('SALES', 'Mixed Case', 'order.items 2026', 'SYSADMIN', 'BASE TABLE', 'NO', 7, 2048,
               '2026-01-01 00:00:00+00', '2026-11-20 12:00:00+00', 'dots, spaces'),
              ('SALES', 'Mixed Case', 'lower_view', 'SYSADMIN', 'VIEW', 'NO', NULL, NULL,
               '2026-01-02 00:00:00+00', '2026-01-02 00:00:00+00', NULL);
            INSERT INTO "SALES".SF_INFORMATION_SCHEMA.COLUMNS (TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME,
              ORDINAL_POSITION, IS_NULLABLE, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,
              DATETIME_PRECISION, COMMENT) VALUES
              ('SALES', 'CORE', 'ORDERS', 'TOTAL', 3, 'YES', 'NUMBER', NULL, 12, 2, NULL, 'gross amount'),
              ('SALES', 'CORE', 'ORDERS', 'ORDER_ID', 1, 'NO', 'NUMBER', NULL, 38, 0, NULL, NULL),
              ('SALES', 'CORE', 'ORDERS', 'CUSTOMER_ID', 2, 'NO', 'NUMBER', NULL, 38, 0, NULL, NULL),
              ('SALES', 'CORE', 'ORDERS', 'STATUS', 4, 'YES', 'TEXT', 16777216, NULL, NULL, NULL, NULL),
              ('SALES', 'CORE', 'ORDERS', 'ORDERED_AT', 5, 'YES', 'TIMESTAMP_NTZ', NULL, NULL, NULL, 9, NULL),
              ('SALES', 'CORE', 'ORDERS', 'PAYLOAD', 6, 'YES', 'VARIANT', NULL, NULL, NULL, NULL, NULL),
              ('SALES', 'CORE', 'CUSTOMERS', 'ID', 1, 'NO', 'NUMBER', NULL, 38, 0, NULL, NULL),
              ('SALES', 'CORE', 'CUSTOMERS', 'NAME', 2, 'YES', 'TEXT', 200, NULL, NULL, NULL, NULL),
              ('SALES', 'CORE', 'CUSTOMERS', 'SCORE', 3, 'YES', 'FLOAT', NULL, NULL, NULL, NULL, NULL),
              ('SALES', 'CORE', 'STG_EVENTS', 'RAW', 1, 'YES', 'BINARY', 8388608, NULL, NULL, NULL, NULL),
              ('SALES', 'CORE', 'EXT_CLICKS', 'VALUE', 1, 'YES', 'VARIANT', NULL, NULL, NULL, NULL, NULL),
              ('SALES', 'CORE', 'EXT_CLICKS', 'CLICKED_AT', 2, 'YES', 'TIMESTAMP_LTZ', NULL, NULL, NULL, 3, NULL),
              ('SALES', 'CORE', 'MV_DAILY', 'DAY', 1, 'YES', 'DATE', NULL, NULL, NULL, NULL, NULL),
              ('SALES', 'CORE', 'MV_DAILY', 'ORDERS', 2, 'YES', 'NUMBER', NULL, 18, 0, NULL, NULL),
              ('SALES', 'CORE', 'APP_EVENTS', 'TIMESTAMP', 1, 'YES', 'TIMESTAMP_NTZ', NULL, NULL, NULL, 9, NULL),
              ('SALES', 'CORE', 'APP_EVENTS', 'RECORD', 2, 'YES', 'OBJECT', NULL, NULL, NULL, NULL, NULL),
              ('SALES', 'CORE', 'V_OPEN_ORDERS', 'ORDER_ID', 1, 'NO', 'NUMBER', NULL, 38, 0, NULL, NULL),
              ('SALES', 'CORE', 'V_OPEN_ORDERS', 'TOTAL', 2, 'YES', 'NUMBER', NULL, 12, 2, NULL, NULL),
              ('SALES', 'Mixed Case', 'order.items 2026', 'Qty ünits', 1, 'YES', 'NUMBER', NULL, 38, 0, NULL, 'quoted "qty"'),
              ('SALES', 'Mixed Case', 'order.items 2026', 'ORDER_ID', 2, 'YES', 'NUMBER', NULL, 38, 0, NULL, NULL),
              ('SALES', 'Mixed Case', 'lower_view', 'Qty ünits', 1, 'YES', 'NUMBER', NULL, 38, 0, NULL, NULL);
            INSERT INTO "SALES".SF_INFORMATION_SCHEMA.VIEWS (TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_OWNER,
              VIEW_DEFINITION, IS_SECURE) VALUES
              ('SALES', 'CORE', 'V_OPEN_ORDERS', 'SYSADMIN',
               'create or replace view V_OPEN_ORDERS comment=''orders not shipped'' as
            select ORDER_ID, TOTAL from ORDERS where STATUS = ''OPEN''', 'NO'),
              ('SALES', 'Mixed Case', 'lower_view', 'SYSADMIN',
               'create view "lower_view" as select "Qty ünits" from "Mixed Case"."order.items 2026"', 'NO');
            INSERT INTO "analytics lab".SF_INFORMATION_SCHEMA.SCHEMATA (CATALOG_NAME, SCHEMA_NAME, SCHEMA_OWNER, IS_TRANSIENT)
              VALUES ('analytics lab', 'MART', 'ANALYST', 'NO'), ('analytics lab', 'INFORMATION_SCHEMA', '', 'NO');
            INSERT INTO "analytics lab".SF_INFORMATION_SCHEMA.TABLES (TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_OWNER,
              TABLE_TYPE, IS_TRANSIENT, ROW_COUNT, BYTES, CREATED, LAST_ALTERED, COMMENT) VALUES
              ('analytics lab', 'MART', 'ORDER_FACTS', 'ANALYST', 'BASE TABLE', 'NO', 48000, 2097152,
               '2026-02-01 00:00:00+00', '2026-11-20 08:10:05+00', NULL);
            INSERT INTO "analytics lab".SF_INFORMATION_SCHEMA.COLUMNS (TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME,
              ORDINAL_POSITION, IS_NULLABLE, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,
              DATETIME_PRECISION) VALUES
              ('analytics lab', 'MART', 'ORDER_FACTS', 'ORDER_ID', 1, 'NO', 'NUMBER', NULL, 38, 0, NULL),
              ('analytics lab', 'MART', 'ORDER_FACTS', 'CUSTOMER_NAME', 2, 'YES', 'TEXT', 200, NULL, NULL, NULL);
            CREATE SCHEMA "SNOWFLAKE"."ACCOUNT_USAGE";
            CREATE TABLE "SNOWFLAKE"."ACCOUNT_USAGE"."QUERY_HISTORY" (QUERY_ID VARCHAR, QUERY_TEXT VARCHAR,
              DATABASE_ID BIGINT, DATABASE_NAME VARCHAR, SCHEMA_ID BIGINT, SCHEMA_NAME VARCHAR, QUERY_TYPE VARCHAR,
              SESSION_ID BIGINT, USER_NAME VARCHAR, ROLE_NAME VARCHAR, WAREHOUSE_ID BIGINT, WAREHOUSE_NAME VARCHAR,
              WAREHOUSE_SIZE VARCHAR, WAREHOUSE_TYPE VARCHAR, CLUSTER_NUMBER INTEGER, QUERY_TAG VARCHAR,
              EXECUTION_STATUS VARCHAR, ERROR_CODE VARCHAR, ERROR_MESSAGE VARCHAR, START_TIME TIMESTAMPTZ,
              END_TIME TIMESTAMPTZ, TOTAL_ELAPSED_TIME BIGINT, BYTES_SCANNED BIGINT, ROWS_PRODUCED BIGINT);
            INSERT INTO "SNOWFLAKE"."ACCOUNT_USAGE"."QUERY_HISTORY" (QUERY_ID, QUERY_TEXT, DATABASE_NAME, SCHEMA_NAME,
              QUERY_TYPE, USER_NAME, ROLE_NAME, WAREHOUSE_NAME, WAREHOUSE_SIZE, QUERY_TAG, EXECUTION_STATUS, ERROR_CODE,
              ERROR_MESSAGE, START_TIME, END_TIME, TOTAL_ELAPSED_TIME, BYTES_SCANNED, ROWS_PRODUCED) VALUES
              ('01b8a0c2-0001-4d2e-0000-000000000001', 'select count(*) from SALES.CORE.ORDERS', 'SALES', 'CORE',
               'SELECT', 'ANALYST', 'REPORTER', 'COMPUTE_WH', 'X-Small', '', 'SUCCESS', NULL, NULL,
               '2026-11-20 07:59:59.999999+00', '2026-11-20 08:00:00.5+00', 501, 524288, 1),
              ('01b8a0c2-0001-4d2e-0000-000000000002',
               'select $$it''s "quoted" $ and $$ as s, ''O''''Brien'' as n from "Mixed Case"."order.items 2026"',
               'SALES', 'Mixed Case', 'SELECT', 'ANALYST', 'REPORTER', 'COMPUTE_WH', 'X-Small', 'dashboard:42', 'SUCCESS',
               NULL, NULL, '2026-11-20 08:00:00+00', '2026-11-20 08:00:04.25+00', 4250, 1024, 7),
              ('01b8a0c2-0001-4d2e-0000-000000000003',
               'insert into "analytics lab".MART.ORDER_FACTS (ORDER_ID, CUSTOMER_NAME)
            select o.ORDER_ID, c.NAME from ORDERS o join CUSTOMERS c on c.ID = o.CUSTOMER_ID',
               'SALES', 'CORE', 'INSERT', 'ETL_USER', 'TRANSFORMER', 'ETL_WH', 'Medium', NULL, 'SUCCESS', NULL, NULL,
               '2026-11-20 13:40:00+05:30', '2026-11-20 08:10:05+00', 5000, 3145728, 48000),
              ('01b8a0c2-0001-4d2e-0000-000000000004', 'select * from SALES.CORE.MISSING', 'SALES', 'CORE', 'SELECT',
               'ANALYST', 'REPORTER', 'COMPUTE_WH', 'X-Small', NULL, 'FAIL', '002003',
               'SQL compilation error: Object ''SALES.CORE.MISSING'' does not exist or not authorized.',
               '2026-11-20 08:20:00+00', '2026-11-20 08:20:00.3+00', 300, 0, 0),
              ('01b8a0c2-0001-4d2e-0000-000000000005',
               'create or replace table "Mixed Case"."order.items 2026" as select TOTAL as "Qty ünits", ORDER_ID from CORE.V_OPEN_ORDERS',
               'SALES', 'Mixed Case', 'CREATE_TABLE_AS_SELECT', 'ETL_USER', 'TRANSFORMER', 'ETL_WH', 'Medium', NULL,
               'SUCCESS', NULL, NULL, '2026-11-20 08:30:00+00', '2026-11-20 08:30:01+00', 1000, 2048, 1),
              ('01b8a0c2-0001-4d2e-0000-000000000006',
               'insert into "analytics lab".MART.ORDER_FACTS (ORDER_ID, CUSTOMER_NAME)
            select o.ORDER_ID, c.NAME from ORDERS o join CUSTOMERS c on c.ID = o.CUSTOMER_ID',
               'SALES', 'CORE', 'INSERT', 'ETL_USER', 'TRANSFORMER', 'ETL_WH', 'Medium', NULL, 'SUCCESS', NULL, NULL,
               '2026-11-20 08:40:00+00', '2026-11-20 08:40:03+00', 3000, 3145728, 12),
              ('01b8a0c2-0001-4d2e-0000-000000000007',
               'insert into SALES.CORE.STG_EVENTS select * from SALES.CORE.APP_EVENTS', 'SALES', 'CORE', 'INSERT',
               'ETL_USER', 'TRANSFORMER', 'ETL_WH', 'Medium', NULL, 'SUCCESS', NULL, NULL,
               '2026-11-20 09:00:00+00', '2026-11-20 09:00:02+00', 2000, 4096, 10);
            """;

    /** ACCESS_HISTORY rows for the writing queries above, shaped like Snowflake's documented samples. */
    private static final String ACCESS_HISTORY = """
            CREATE TABLE "SNOWFLAKE"."ACCOUNT_USAGE"."ACCESS_HISTORY" (QUERY_ID VARCHAR, QUERY_START_TIME TIMESTAMPTZ,
              USER_NAME VARCHAR, DIRECT_OBJECTS_ACCESSED JSON, BASE_OBJECTS_ACCESSED JSON, OBJECTS_MODIFIED JSON,
              OBJECT_MODIFIED_BY_DDL JSON, POLICIES_REFERENCED JSON, PARENT_QUERY_ID VARCHAR, ROOT_QUERY_ID VARCHAR);
            INSERT INTO "SNOWFLAKE"."ACCOUNT_USAGE"."ACCESS_HISTORY" (QUERY_ID, QUERY_START_TIME, USER_NAME,
              DIRECT_OBJECTS_ACCESSED, BASE_OBJECTS_ACCESSED, OBJECTS_MODIFIED) VALUES
              ('01b8a0c2-0001-4d2e-0000-000000000001', '2026-11-20 07:59:59.999999+00', 'ANALYST',
               '[{"columns":[{"columnId":101,"columnName":"ORDER_ID"}],"objectDomain":"Table","objectId":11,"objectName":"SALES.CORE.ORDERS"}]',
               '[{"columns":[{"columnId":101,"columnName":"ORDER_ID"}],"objectDomain":"Table","objectId":11,"objectName":"SALES.CORE.ORDERS"}]',
               '[]'),
              ('01b8a0c2-0001-4d2e-0000-000000000003', '2026-11-20 08:10:00+00', 'ETL_USER',
               '[{"columns":[{"columnId":101,"columnName":"ORDER_ID"},{"columnId":102,"columnName":"CUSTOMER_ID"}],"objectDomain":"Table","objectId":11,"objectName":"SALES.CORE.ORDERS"},
                 {"columns":[{"columnId":201,"columnName":"ID"},{"columnId":202,"columnName":"NAME"}],"objectDomain":"Table","objectId":12,"objectName":"SALES.CORE.CUSTOMERS"}]',
               '[]',
               '[{"objectDomain":"Table","objectId":31,"objectName":"\\"analytics lab\\".MART.ORDER_FACTS","columns":[
                  {"columnId":301,"columnName":"ORDER_ID","directSources":[{"columnName":"ORDER_ID","objectDomain":"Table","objectId":11,"objectName":"SALES.CORE.ORDERS"}],
                   "baseSources":[{"columnName":"ORDER_ID","objectDomain":"Table","objectId":11,"objectName":"SALES.CORE.ORDERS"}]},
                  {"columnId":302,"columnName":"CUSTOMER_NAME","directSources":[{"columnName":"NAME","objectDomain":"Table","objectId":12,"objectName":"SALES.CORE.CUSTOMERS"}],
                   "baseSources":[{"columnName":"NAME","objectDomain":"Table","objectId":12,"objectName":"SALES.CORE.CUSTOMERS"}]}]}]'),
              ('01b8a0c2-0001-4d2e-0000-000000000005', '2026-11-20 08:30:00+00', 'ETL_USER',
               '[{"columns":[{"columnId":111,"columnName":"TOTAL"},{"columnId":112,"columnName":"ORDER_ID"}],"objectDomain":"View","objectId":17,"objectName":"SALES.CORE.V_OPEN_ORDERS"}]',
               '[]',
               '[{"objectDomain":"Table","objectId":41,"objectName":"SALES.\\"Mixed Case\\".\\"order.items 2026\\"","columns":[
                  {"columnId":401,"columnName":"Qty ünits","directSources":[{"columnName":"TOTAL","objectDomain":"View","objectId":17,"objectName":"SALES.CORE.V_OPEN_ORDERS"}]},
                  {"columnId":402,"columnName":"ORDER_ID","directSources":[{"columnName":"ORDER_ID","objectDomain":"View","objectId":17,"objectName":"SALES.CORE.V_OPEN_ORDERS"},
                     {"columnName":"$1","objectDomain":"Stage","objectId":5,"objectName":"SALES.CORE.LANDING_STAGE"}]}]}]'),
              ('01b8a0c2-0001-4d2e-0000-000000000006', '2026-11-20 08:40:00+00', 'ETL_USER', '[]', '[]',
               '[{"objectDomain":"Table","objectId":31,"objectName":"\\"analytics lab\\".MART.ORDER_FACTS","columns":[
                  {"columnId":302,"columnName":"CUSTOMER_NAME","directSources":[{"columnName":"NAME","objectDomain":"Table","objectId":12,"objectName":"SALES.CORE.CUSTOMERS"}]},
                  {"columnId":301,"columnName":"ORDER_ID","directSources":[{"columnName":"ORDER_ID","objectDomain":"Table","objectId":11,"objectName":"SALES.CORE.ORDERS"}]}]}]'),
              ('01b8a0c2-0001-4d2e-0000-000000000007', '2026-11-20 09:00:00+00', 'ETL_USER', '[]', '[]',
               '[{"objectDomain":"Table","objectId":13,"objectName":"SALES.CORE.STG_EVENTS","columns":[
                  {"columnId":131,"columnName":"RAW","directSources":[{"columnName":"RECORD","objectDomain":"Table","objectId":14,"objectName":"SALES.CORE.APP_EVENTS"}]}]}]');
            """;
}
