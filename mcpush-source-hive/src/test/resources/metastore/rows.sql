-- Hand-written metastore rows as Hive 3/4 writes them: managed, external, partitioned (with and
-- without partition statistics), a view, a materialized view, a table without statistics, a
-- table with garbage parameters, hostile names (unicode, a space in a partition key, quotes in a
-- database name), Hive's sys database and a second catalog that must stay out.
INSERT INTO "DBS" ("DB_ID", "DESC", "DB_LOCATION_URI", "NAME", "OWNER_NAME", "OWNER_TYPE", "CTLG_NAME", "CREATE_TIME") VALUES
 (1, 'Default Hive database', 'hdfs://nn1:8020/warehouse/tablespace/managed/hive', 'default', 'public', 'ROLE', 'hive', 1763000000),
 (2, 'Sales data', 's3a://lake/warehouse/sales.db', 'sales', 'etl_svc', 'USER', 'hive', 1763000100),
 (3, NULL, 's3a://lake/warehouse/mart.db', 'mart', 'etl_svc', 'USER', 'hive', 1763000200),
 (4, NULL, 'hdfs://nn1:8020/warehouse/tablespace/managed/hive/sys.db', 'sys', 'hive', 'USER', 'hive', 1763000300),
 (5, NULL, 's3a://spark/sales.db', 'sales', 'spark', 'USER', 'spark', 1763000400),
 (6, NULL, 's3a://lake/warehouse/x.db', 'o''hara"db', 'x', 'USER', 'hive', 1763000500);

INSERT INTO "CDS" VALUES (10), (11), (12), (13), (14), (15), (20), (21), (22), (30), (40), (50);
INSERT INTO "SDS" ("SD_ID", "INPUT_FORMAT", "IS_COMPRESSED", "LOCATION", "NUM_BUCKETS", "OUTPUT_FORMAT", "SERDE_ID", "CD_ID", "IS_STOREDASSUBDIRECTORIES") VALUES
 (10, 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat', false, 's3a://lake/warehouse/sales.db/orders', -1, 'org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat', 10, 10, false),
 (11, 'org.apache.hadoop.mapred.TextInputFormat', false, 's3a://lake/ext/customers', -1, 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat', 11, 11, false),
 (12, 'org.apache.hadoop.mapred.TextInputFormat', false, 's3a://lake/ext/clicks', -1, 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat', 12, 12, false),
 (13, NULL, false, NULL, -1, NULL, NULL, 13, false),
 (14, 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat', false, 's3a://lake/warehouse/sales.db/événements', -1, 'org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat', 14, 14, false),
 (15, 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat', false, 's3a://lake/warehouse/sales.db/empty_parted', -1, 'org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat', 15, 15, false),
 (20, 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat', false, 's3a://lake/warehouse/mart.db/customer_orders', -1, 'org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat', 20, 20, false),
 (21, 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat', false, 's3a://lake/warehouse/mart.db/mv_revenue', -1, 'org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat', 21, 21, false),
 (22, NULL, false, NULL, -1, NULL, NULL, 22, false),
 (30, NULL, false, NULL, -1, NULL, NULL, 30, false),
 (40, NULL, false, 's3a://spark/sales.db/spark_only', -1, NULL, NULL, 40, false),
 (50, NULL, false, 's3a://lake/warehouse/x.db/t1', -1, NULL, NULL, 50, false),
 (100, NULL, false, 's3a://lake/warehouse/sales.db/orders/ds=2026-11-23', -1, NULL, NULL, 10, false),
 (101, NULL, false, 's3a://lake/warehouse/sales.db/orders/ds=2026-11-24', -1, NULL, NULL, 10, false),
 (110, NULL, false, 's3a://lake/warehouse/sales.db/événements/event day=a', -1, NULL, NULL, 14, false),
 (111, NULL, false, 's3a://lake/warehouse/sales.db/événements/event day=b', -1, NULL, NULL, 14, false);

INSERT INTO "COLUMNS_V2" ("CD_ID", "COMMENT", "COLUMN_NAME", "TYPE_NAME", "INTEGER_IDX") VALUES
 (10, NULL, 'order_id', 'bigint', 0), (10, NULL, 'customer_id', 'bigint', 1),
 (10, 'gross amount', 'amount', 'decimal(10,2)', 2), (10, NULL, 'order total €', 'double', 3),
 (11, NULL, 'id', 'int', 0), (11, NULL, 'name', 'string', 1), (11, NULL, 'address', 'struct<street:string,zip:int>', 2),
 (12, NULL, 'payload', 'string', 0), (12, NULL, 'tags', 'array<string>', 1),
 (13, NULL, 'customer_id', 'bigint', 0), (13, NULL, 'total', 'decimal(20,2)', 1),
 (14, NULL, 'nom', 'string', 0),
 (15, NULL, 'id', 'int', 0),
 (20, NULL, 'id', 'int', 0), (20, NULL, 'name', 'string', 1), (20, NULL, 'order_count', 'bigint', 2),
 (21, NULL, 'customer_id', 'bigint', 0), (21, NULL, 'revenue', 'decimal(20,2)', 1),
 (22, NULL, 'id', 'int', 0), (22, NULL, 'name', 'string', 1),
 (30, NULL, 'tbl_id', 'bigint', 0),
 (40, NULL, 'x', 'int', 0),
 (50, NULL, 'a', 'int', 0);

INSERT INTO "TBLS" ("TBL_ID", "CREATE_TIME", "DB_ID", "LAST_ACCESS_TIME", "OWNER", "OWNER_TYPE", "RETENTION", "SD_ID", "TBL_NAME", "TBL_TYPE", "VIEW_EXPANDED_TEXT", "VIEW_ORIGINAL_TEXT", "IS_REWRITE_ENABLED") VALUES
 (10, 1763900000, 2, 0, 'etl_svc', 'USER', 0, 10, 'orders', 'MANAGED_TABLE', NULL, NULL, false),
 (11, 1763900100, 2, 0, 'etl_svc', 'USER', 0, 11, 'customers', 'EXTERNAL_TABLE', NULL, NULL, false),
 (12, 1763900200, 2, 0, 'etl_svc', 'USER', 0, 12, 'raw_clicks', 'EXTERNAL_TABLE', NULL, NULL, false),
 (13, 1763900300, 2, 0, 'alice', 'USER', 0, 13, 'sales_summary', 'VIRTUAL_VIEW',
  'select `orders`.`customer_id`, sum(`orders`.`amount`) as `total` from `sales`.`orders` group by `orders`.`customer_id`',
  'select customer_id, sum(amount) as total from orders group by customer_id', false),
 (14, 1763900400, 2, 0, 'alice', 'USER', 0, 14, 'événements', 'MANAGED_TABLE', NULL, NULL, false),
 (15, 1763900500, 2, 0, 'alice', 'USER', 0, 15, 'empty_parted', 'MANAGED_TABLE', NULL, NULL, false),
 (20, 1763900600, 3, 0, 'etl_svc', 'USER', 0, 20, 'customer_orders', 'MANAGED_TABLE', NULL, NULL, false),
 (21, 1763900700, 3, 0, 'etl_svc', 'USER', 0, 21, 'mv_revenue', 'MATERIALIZED_VIEW',
  'SELECT `orders`.`customer_id`, sum(`orders`.`amount`) AS `revenue` FROM `sales`.`orders` GROUP BY `orders`.`customer_id`',
  'SELECT customer_id, sum(amount) AS revenue FROM sales.orders GROUP BY customer_id', true),
 (22, 1763900800, 3, 0, 'bob', 'USER', 0, 22, 'v_top', 'VIRTUAL_VIEW',
  'SELECT `customers`.`id`, `customers`.`name` FROM `sales`.`customers` WHERE `customers`.`id` < 10',
  'SELECT id, name FROM sales.customers WHERE id < 10', false),
 (30, 1763000300, 4, 0, 'hive', 'USER', 0, 30, 'tbls', 'EXTERNAL_TABLE', NULL, NULL, false),
 (40, 1763000400, 5, 0, 'spark', 'USER', 0, 40, 'spark_only', 'EXTERNAL_TABLE', NULL, NULL, false),
 (50, 1763000500, 6, 0, 'x', 'USER', 0, 50, 't1', 'MANAGED_TABLE', NULL, NULL, false);

INSERT INTO "PARTITION_KEYS" ("TBL_ID", "PKEY_COMMENT", "PKEY_NAME", "PKEY_TYPE", "INTEGER_IDX") VALUES
 (10, 'order date', 'ds', 'string', 0),
 (14, NULL, 'event day', 'string', 0),
 (15, NULL, 'ds', 'string', 0);

INSERT INTO "TABLE_PARAMS" ("TBL_ID", "PARAM_KEY", "PARAM_VALUE") VALUES
 (10, 'transient_lastDdlTime', '1764000000'), (10, 'comment', 'All orders'), (10, 'numRows', '0'), (10, 'bucketing_version', '2'),
 (11, 'numRows', '42'), (11, 'totalSize', '1234'), (11, 'EXTERNAL', 'TRUE'),
 (11, 'COLUMN_STATS_ACCURATE', '{"BASIC_STATS":"true","COLUMN_STATS":{"id":"true","name":"true"}}'),
 (11, 'last_modified_time', '1764070000'), (11, 'last_modified_by', 'etl_svc'), (11, 'transient_lastDdlTime', '1764060000'),
 (12, 'numRows', '0'), (12, 'totalSize', '0'), (12, 'EXTERNAL', 'TRUE'), (12, 'transient_lastDdlTime', '1764050000'),
 (13, 'transient_lastDdlTime', '1764010000'),
 (14, 'transient_lastDdlTime', '1764020000'),
 (15, 'transient_lastDdlTime', '1764030000'),
 (20, 'numRows', '3'), (20, 'totalSize', '300'), (20, 'COLUMN_STATS_ACCURATE', '{"BASIC_STATS":"true"}'),
 (20, 'transient_lastDdlTime', '1764080000'),
 (21, 'numRows', '7'), (21, 'totalSize', '700'), (21, 'transient_lastDdlTime', '1764090000'),
 (22, 'transient_lastDdlTime', '1764011000'),
 (30, 'transient_lastDdlTime', '1763000300'),
 (40, 'numRows', '9'), (40, 'transient_lastDdlTime', '1763000400'),
 (50, 'numRows', 'abc'), (50, 'totalSize', '-1'), (50, 'transient_lastDdlTime', 'x');

INSERT INTO "PARTITIONS" ("PART_ID", "CREATE_TIME", "LAST_ACCESS_TIME", "PART_NAME", "SD_ID", "TBL_ID") VALUES
 (100, 1764064000, 0, 'ds=2026-11-23', 100, 10),
 (101, 1764065500, 0, 'ds=2026-11-24', 101, 10),
 (110, 1764024000, 0, 'event day=a', 110, 14),
 (111, 1764024500, 0, 'event day=b', 111, 14);

INSERT INTO "PARTITION_PARAMS" ("PART_ID", "PARAM_KEY", "PARAM_VALUE") VALUES
 (100, 'numRows', '100'), (100, 'totalSize', '4096'), (100, 'COLUMN_STATS_ACCURATE', '{"BASIC_STATS":"true"}'),
 (100, 'transient_lastDdlTime', '1764065000'),
 (101, 'numRows', '250'), (101, 'totalSize', '8192'), (101, 'COLUMN_STATS_ACCURATE', '{"BASIC_STATS":"true"}'),
 (101, 'transient_lastDdlTime', '1764066000'),
 (110, 'numRows', '5'), (110, 'totalSize', '50'), (110, 'transient_lastDdlTime', '1764025000');
