#!/usr/bin/env python3
"""Generates the golden request bodies in this directory (every *.json file here is written by
this script; do not edit them by hand).

Each file holds the exact bytes the pycarlo SDK would put on the wire for one case: the payload
dicts are built by hand exactly as the SDK's dataclasses_json ``to_dict()`` plus its
``build_*_payload`` helpers produce them (absent optionals omitted, empty optional lists omitted,
``extra`` dropped only when None, query-log datetimes as
``dt.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")``), then serialised with
``json.dumps(payload)`` with default arguments, which is what ``requests.request(json=body)``
sends. No trailing newline: the files are the exact bytes.

GoldenWireFormatTest builds the same data with the Java records and must produce identical
bytes. To regenerate after changing a case (keep the Java test in step):

    cd mcpush-sdk/src/test/resources/golden && python3 make_golden.py

Needs only Python 3 (no packages).
"""
import json
import os
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
UUID = "0b6c4a0e-1111-2222-3333-444455556666"


# --- what to_dict() gives for each SDK dataclass (key order = field order) --------------------

def _drop_none(pairs):
    return {k: v for k, v in pairs if v is not None}


def metadata(name, database, schema, description=None, view_query=None, created_on=None):
    return _drop_none([("name", name), ("database", database), ("schema", schema),
                       ("description", description), ("view_query", view_query),
                       ("created_on", created_on)])


def tag(key, value=None):
    return _drop_none([("key", key), ("value", value)])


def field(name, type_, description=None):
    return _drop_none([("name", name), ("type", type_), ("description", description)])


def volume(row_count=None, byte_count=None):
    return _drop_none([("row_count", row_count), ("byte_count", byte_count)])


def freshness(last_update_time=None):
    return _drop_none([("last_update_time", last_update_time)])


def relational_asset(type_, meta, tags=None, fields=None, vol=None, fresh=None):
    return _drop_none([("type", type_), ("metadata", meta),
                       ("tags", tags or None), ("fields", fields or None),
                       ("volume", vol), ("freshness", fresh)])


def ref(type_, name, database, schema, asset_id=None):
    return _drop_none([("type", type_), ("name", name), ("database", database),
                       ("schema", schema), ("asset_id", asset_id)])


def source_field(asset_id, field_name):
    return {"asset_id": asset_id, "field_name": field_name}


def col_field(name, source_fields):
    return {"name": name, "source_fields": source_fields}


def lineage_event(destination, sources, fields=None):
    return _drop_none([("destination", destination), ("sources", sources),
                       ("fields", fields or None)])


def iso(dt):
    return dt.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def query_log(start_time, end_time, query_text, query_id=None, user=None, error_code=None,
              error_text=None, returned_rows=None, extra=None):
    return _drop_none([("start_time", iso(start_time)), ("end_time", iso(end_time)),
                       ("query_text", query_text), ("query_id", query_id), ("user", user),
                       ("error_code", error_code), ("error_text", error_text),
                       ("returned_rows", returned_rows), ("extra", extra)])


# --- build_*_payload ------------------------------------------------------------------------

def metadata_payload(events, resource_type="snowflake"):
    return {"event_type": "METADATA",
            "resource": {"uuid": UUID, "resource_type": resource_type},
            "events": [{"relational_asset": e} for e in events]}


def lineage_payload(event_type, events, resource_type="snowflake"):
    return {"event_type": event_type,
            "resource": {"uuid": UUID, "resource_type": resource_type},
            "events": events}


def query_log_payload(events, log_type="snowflake"):
    return {"event_type": "QUERY_LOG",
            "resource": {"uuid": UUID, "log_type": log_type},
            "events": events}


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


T0 = utc(2026, 3, 2, 12, 0, 5)
T1 = utc(2026, 3, 2, 12, 0, 9)

VIEW_QUERY = ('select "a\\b" as q, \'it\'\'s\' as s\n'
              'from t\twhere c = \'caf\u00e9 \u65e5\u672c \U0001F600\x7f\'\r\n'
              '-- ctl:\x00\x01\x1f\b\f \u2028 \u00ff \uffff end')

CASES = {
    "metadata_minimal": metadata_payload([
        relational_asset("TABLE", metadata("ORDERS", "SALES", "CORE")),
    ]),
    "metadata_full": metadata_payload([
        relational_asset(
            "TABLE",
            metadata("ORDERS", "SALES", "CORE", description="one row per order",
                     view_query="select 1", created_on="2025-01-15T08:30:00Z"),
            tags=[tag("domain", "sales"), tag("pii"), tag("empty", "")],
            fields=[field("ORDER_ID", "NUMBER"),
                    field("TOTAL", "DECIMAL(12,2)", "gross amount"),
                    field("NOTE", "VARCHAR", "")],
            vol=volume(48210, 3145728),
            fresh=freshness("2026-11-25T10:00:00Z")),
    ]),
    "metadata_volume_freshness_only": metadata_payload([
        relational_asset("TABLE", metadata("EVENTS", "RAW", "LOGS"),
                         vol=volume(row_count=1000000000000), fresh=freshness("2026-11-25T10:00:00.123456Z")),
        relational_asset("TABLE", metadata("BLOBS", "RAW", "LOGS"), vol=volume(byte_count=0)),
        relational_asset("TABLE", metadata("EMPTY", "RAW", "LOGS"), vol=volume(), fresh=freshness()),
    ], resource_type="databricks"),
    "metadata_view_escapes": metadata_payload([
        relational_asset("VIEW", metadata("V_\u00e9t\u00e9", "SALES", "CORE",
                                          description="\u65e5\u672c \U0001F600 \"quoted\" \\",
                                          view_query=VIEW_QUERY),
                         fields=[field("caf\u00e9", "VARCHAR", "line1\nline2\ttab")]),
    ]),
    "metadata_multiple_events": metadata_payload([
        relational_asset("TABLE", metadata("ORDERS", "SALES", "CORE", description="one row per order"),
                         tags=[tag("domain", "sales"), tag("pii")],
                         fields=[field("ORDER_ID", "NUMBER"), field("TOTAL", "DECIMAL(12,2)", "gross amount")],
                         vol=volume(48210, 3145728), fresh=freshness("2026-11-25T10:00:00Z")),
        relational_asset("VIEW", metadata("V_OPEN_ORDERS", "SALES", "CORE",
                                          view_query="select * from SALES.CORE.ORDERS where STATUS = 'OPEN'")),
    ]),
    "lineage_table_level": lineage_payload("LINEAGE", [
        lineage_event(ref("TABLE", "ORDER_FACTS", "SALES", "MART"),
                      [ref("TABLE", "ORDERS", "SALES", "CORE"),
                       ref("VIEW", "V_CUSTOMERS", "SALES", "CORE")]),
    ]),
    "lineage_multiple_events": lineage_payload("LINEAGE", [
        lineage_event(ref("TABLE", "A", "DB", "S"), [ref("TABLE", "B", "DB", "S")]),
        lineage_event(ref("TABLE", "C", "DB", "S"), [ref("WILDCARD", "*", "DB", "S")]),
    ], resource_type="bigquery"),
    "column_lineage": lineage_payload("COLUMN_LINEAGE", [
        lineage_event(
            ref("TABLE", "ORDER_FACTS", "SALES", "MART", "d1"),
            [ref("TABLE", "ORDERS", "SALES", "CORE", "s1"),
             ref("TABLE", "CUSTOMERS", "SALES", "CORE", "s2")],
            [col_field("ORDER_ID", [source_field("s1", "ID")]),
             col_field("CUSTOMER_NAME", [source_field("s2", "FIRST_NAME"),
                                         source_field("s2", "LAST_NAME"),
                                         source_field("s1", "CUSTOMER_ID")])]),
    ]),
    "query_log_minimal": query_log_payload([
        query_log(T0, T1, "select 1"),
    ]),
    "query_log_full": query_log_payload([
        query_log(T0, T1, "select count(*) from SALES.CORE.MISSING", query_id="01b2-0000-abcd",
                  user="analyst@example.com", error_code=2003, error_text="Object does not exist",
                  returned_rows=0,
                  extra={"warehouse_name": "COMPUTE_WH", "bytes_scanned": 524288,
                         "nested": {"list": [1, 2.5, "x", None, True, False, [], {}],
                                    "obj": {"k": "v\u00e9"}},
                         "flag": True, "off": False, "nothing": None, "ratio": 0.5,
                         "negative": -42, "big": 12345678901234567890123,
                         "label": "\u65e5\u672c \U0001F600"}),
    ]),
    "query_log_error_code_string": query_log_payload([
        query_log(T0, T1, "select * from missing", error_code="42P01",
                  error_text="relation \"missing\" does not exist"),
    ], log_type="hive-s3"),
    "query_log_microseconds": query_log_payload([
        query_log(T0.replace(microsecond=250000), T1.replace(microsecond=1), "select 2"),
    ]),
    "query_log_zero_micros": query_log_payload([
        query_log(T0, T1, "select 3", returned_rows=7),
    ]),
    "query_log_non_utc_offset": query_log_payload([
        query_log(datetime(2026, 3, 2, 14, 0, 5, 500000, tzinfo=timezone(timedelta(hours=2))),
                  datetime(2026, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
                  "select 4"),
    ]),
    "query_log_empty_extra": query_log_payload([
        query_log(T0, T1, "select 5", extra={}),
    ]),
    "query_log_multiple_events": query_log_payload([
        query_log(utc(2026, 11, 25, 8, 0, 0), utc(2026, 11, 25, 8, 0, 4, 250000),
                  "select count(*) from SALES.CORE.ORDERS", query_id="01b2-0000-abcd",
                  user="ANALYST", returned_rows=1,
                  extra={"warehouse_name": "COMPUTE_WH", "bytes_scanned": 524288}),
        query_log(utc(2026, 11, 25, 8, 1, 0), utc(2026, 11, 25, 8, 1, 0, 300000),
                  "select * from SALES.CORE.MISSING", error_code=2003,
                  error_text="Object does not exist"),
        query_log(T0, T1, "select 6", user=""),
    ]),
    "query_log_float_repr": query_log_payload([
        query_log(T0, T1, "select 7",
                  extra={"one": 1.0, "tenth": 0.1, "e16": 1e16, "e15": 1e15, "e_5": 1e-05,
                         "e_4": 0.0001, "neg_zero": -0.0, "mixed": 123456789.123,
                         "huge": 1.5e+300, "tiny": 2.5e-300, "e23": 1e23, "min_subnormal": 5e-324,
                         "max": 1.7976931348623157e308, "third": 1 / 3, "neg": -2.5,
                         "list": [0.0, 100.0, 1e-7]}),
    ]),
}


def main():
    for name, payload in CASES.items():
        with open(os.path.join(HERE, name + ".json"), "wb") as f:
            f.write(json.dumps(payload).encode("ascii"))
    print("wrote %d golden files to %s" % (len(CASES), HERE))


if __name__ == "__main__":
    main()
