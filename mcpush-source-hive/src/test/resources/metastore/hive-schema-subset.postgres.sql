-- Hand-written subset of Apache Hive's metastore schema for PostgreSQL
-- (standalone-metastore/metastore-server/src/main/sql/postgres/hive-schema-4.0.0.postgres.sql):
-- the tables mcpush reads, with their columns, types and quoting as in that script.
CREATE TABLE "CTLGS" (
    "CTLG_ID" BIGINT PRIMARY KEY,
    "NAME" VARCHAR(256) UNIQUE,
    "DESC" VARCHAR(4000),
    "LOCATION_URI" VARCHAR(4000) NOT NULL,
    "CREATE_TIME" bigint
);
INSERT INTO "CTLGS" VALUES (1, 'hive', 'Default catalog for Hive', 'TBD', NULL);

CREATE TABLE "DBS" (
    "DB_ID" bigint NOT NULL PRIMARY KEY,
    "DESC" character varying(4000) DEFAULT NULL::character varying,
    "DB_LOCATION_URI" character varying(4000) NOT NULL,
    "NAME" character varying(128) DEFAULT NULL::character varying,
    "OWNER_NAME" character varying(128) DEFAULT NULL::character varying,
    "OWNER_TYPE" character varying(10) DEFAULT NULL::character varying,
    "CTLG_NAME" varchar(256) DEFAULT 'hive' NOT NULL,
    "CREATE_TIME" bigint,
    "DB_MANAGED_LOCATION_URI" character varying(4000),
    "TYPE" character varying(32) DEFAULT 'NATIVE' NOT NULL,
    "DATACONNECTOR_NAME" character varying(128),
    "REMOTE_DBNAME" character varying(128)
);

CREATE TABLE "CDS" (
    "CD_ID" bigint NOT NULL PRIMARY KEY
);

CREATE TABLE "SDS" (
    "SD_ID" bigint NOT NULL PRIMARY KEY,
    "INPUT_FORMAT" character varying(4000) DEFAULT NULL::character varying,
    "IS_COMPRESSED" boolean NOT NULL,
    "LOCATION" character varying(4000) DEFAULT NULL::character varying,
    "NUM_BUCKETS" bigint NOT NULL,
    "OUTPUT_FORMAT" character varying(4000) DEFAULT NULL::character varying,
    "SERDE_ID" bigint,
    "CD_ID" bigint,
    "IS_STOREDASSUBDIRECTORIES" boolean NOT NULL
);

CREATE TABLE "COLUMNS_V2" (
    "CD_ID" bigint NOT NULL,
    "COMMENT" character varying(4000),
    "COLUMN_NAME" character varying(767) NOT NULL,
    "TYPE_NAME" text,
    "INTEGER_IDX" integer NOT NULL,
    PRIMARY KEY ("CD_ID", "COLUMN_NAME")
);

CREATE TABLE "TBLS" (
    "TBL_ID" bigint NOT NULL PRIMARY KEY,
    "CREATE_TIME" bigint NOT NULL,
    "DB_ID" bigint,
    "LAST_ACCESS_TIME" bigint NOT NULL,
    "OWNER" character varying(767) DEFAULT NULL::character varying,
    "OWNER_TYPE" character varying(10) DEFAULT NULL::character varying,
    "RETENTION" bigint NOT NULL,
    "SD_ID" bigint,
    "TBL_NAME" character varying(256) DEFAULT NULL::character varying,
    "TBL_TYPE" character varying(128) DEFAULT NULL::character varying,
    "VIEW_EXPANDED_TEXT" text,
    "VIEW_ORIGINAL_TEXT" text,
    "IS_REWRITE_ENABLED" boolean NOT NULL DEFAULT false,
    "WRITE_ID" bigint DEFAULT 0
);

CREATE TABLE "TABLE_PARAMS" (
    "TBL_ID" bigint NOT NULL,
    "PARAM_KEY" character varying(256) NOT NULL,
    "PARAM_VALUE" text DEFAULT NULL,
    PRIMARY KEY ("TBL_ID", "PARAM_KEY")
);

CREATE TABLE "PARTITION_KEYS" (
    "TBL_ID" bigint NOT NULL,
    "PKEY_COMMENT" character varying(4000) DEFAULT NULL::character varying,
    "PKEY_NAME" character varying(128) NOT NULL,
    "PKEY_TYPE" character varying(767) NOT NULL,
    "INTEGER_IDX" bigint NOT NULL,
    PRIMARY KEY ("TBL_ID", "PKEY_NAME")
);

CREATE TABLE "PARTITIONS" (
    "PART_ID" bigint NOT NULL PRIMARY KEY,
    "CREATE_TIME" bigint NOT NULL,
    "LAST_ACCESS_TIME" bigint NOT NULL,
    "PART_NAME" character varying(767) DEFAULT NULL::character varying,
    "SD_ID" bigint,
    "TBL_ID" bigint,
    "WRITE_ID" bigint DEFAULT 0
);

CREATE TABLE "PARTITION_PARAMS" (
    "PART_ID" bigint NOT NULL,
    "PARAM_KEY" character varying(256) NOT NULL,
    "PARAM_VALUE" text DEFAULT NULL,
    PRIMARY KEY ("PART_ID", "PARAM_KEY")
);
