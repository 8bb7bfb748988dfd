package io.mcpush.source.bigquery;

import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Null-safe typed reads of query result columns by name. Stateless. */
public final class Rows {
    private Rows() {
    }

    public static String text(FieldValueList row, String name) {
        FieldValue v = row.get(name);
        return v.isNull() ? null : v.getStringValue();
    }

    /**
     * A column of a record inside an array, by position: the client gives such records no
     * schema, so the SQL fixes their field order ({@code STRUCT(a, b, c)}).
     */
    public static String text(FieldValueList record, int index) {
        FieldValue v = record.get(index);
        return v.isNull() ? null : v.getStringValue();
    }

    public static Long integer(FieldValueList row, String name) {
        FieldValue v = row.get(name);
        return v.isNull() ? null : v.getLongValue();
    }

    public static Boolean bool(FieldValueList row, String name) {
        FieldValue v = row.get(name);
        return v.isNull() ? null : v.getBooleanValue();
    }

    /** A TIMESTAMP column (microsecond precision). */
    public static Instant timestamp(FieldValueList row, String name) {
        FieldValue v = row.get(name);
        return v.isNull() ? null : v.getTimestampInstant();
    }

    /** An INT64 column holding milliseconds since the epoch ({@code __TABLES__}). */
    public static Instant epochMillis(FieldValueList row, String name) {
        Long ms = integer(row, name);
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    /** An ARRAY&lt;STRUCT&gt; column as its records (read their fields by position); empty when null. */
    public static List<FieldValueList> records(FieldValueList row, String name) {
        FieldValue v = row.get(name);
        if (v.isNull()) {
            return List.of();
        }
        List<FieldValue> items = v.getRepeatedValue();
        List<FieldValueList> out = new ArrayList<>(items.size());
        for (FieldValue item : items) {
            if (!item.isNull()) {
                out.add(item.getRecordValue());
            }
        }
        return out;
    }
}
