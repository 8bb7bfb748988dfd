package io.mcpush.sdk.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.AssetFreshness;
import io.mcpush.sdk.model.AssetMetadata;
import io.mcpush.sdk.model.AssetVolume;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.model.Tag;
import io.mcpush.sdk.model.WireEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a metadata or query-log line straight from the token stream into the wire records,
 * without building a JSON tree. It only ever accepts: on anything unusual (a wrong type, an
 * unknown key, a required value missing, the {@code relational_asset} wrapper) it returns null,
 * and the caller parses the line again with {@link EventParser}, which decides and words the
 * error. So it may be stricter than {@link EventParser}, never more lenient. Stateless.
 */
final class FastEventParser {
    /** Signals "not sure: let the tree parser decide". */
    private static final class Bail extends Exception {
        private static final long serialVersionUID = 1L;
        static final Bail INSTANCE = new Bail();

        private Bail() {
            super(null, null, false, false);
        }
    }

    private FastEventParser() {
    }

    /** The event, or null when the tree parser must look at this line. */
    static WireEvent parse(Flow flow, byte[] line, int length) {
        if (flow == Flow.LINEAGE) {
            return null;
        }
        try (JsonParser p = ManifestReader.JSON.getFactory().createParser(line, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            WireEvent event = flow == Flow.METADATA ? asset(p) : queryLog(p);
            return p.nextToken() == null ? event : null;
        } catch (Bail | IOException | RuntimeException e) {
            return null;
        }
    }

    private static RelationalAsset asset(JsonParser p) throws IOException, Bail {
        String type = null;
        AssetMetadata metadata = null;
        List<Tag> tags = List.of();
        List<AssetField> fields = List.of();
        AssetVolume volume = null;
        AssetFreshness freshness = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            switch (key) {
                case "type" -> type = requiredString(t, p);
                case "metadata" -> metadata = metadata(t, p);
                case "tags" -> tags = t == JsonToken.VALUE_NULL ? List.of() : tags(t, p);
                case "fields" -> fields = t == JsonToken.VALUE_NULL ? List.of() : fields(t, p);
                case "volume" -> volume = t == JsonToken.VALUE_NULL ? null : volume(t, p);
                case "freshness" -> freshness = t == JsonToken.VALUE_NULL ? null : freshness(t, p);
                default -> throw Bail.INSTANCE;
            }
        }
        if (type == null || metadata == null || !(type.equals("TABLE") || type.equals("VIEW"))) {
            throw Bail.INSTANCE;
        }
        return new RelationalAsset(type, metadata, tags, fields, volume, freshness);
    }

    private static AssetMetadata metadata(JsonToken t, JsonParser p) throws IOException, Bail {
        expect(t, JsonToken.START_OBJECT);
        String name = null;
        String database = null;
        String schema = null;
        String description = null;
        String viewQuery = null;
        String createdOn = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "name" -> name = requiredString(v, p);
                case "database" -> database = requiredString(v, p);
                case "schema" -> schema = requiredString(v, p);
                case "description" -> description = optionalString(v, p);
                case "view_query" -> viewQuery = optionalString(v, p);
                case "created_on" -> createdOn = zoned(optionalString(v, p));
                default -> throw Bail.INSTANCE;
            }
        }
        if (name == null || database == null || schema == null) {
            throw Bail.INSTANCE;
        }
        return new AssetMetadata(name, database, schema, description, viewQuery, createdOn);
    }

    private static List<Tag> tags(JsonToken t, JsonParser p) throws IOException, Bail {
        expect(t, JsonToken.START_ARRAY);
        List<Tag> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String key = null;
            String value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken v = p.nextToken();
                switch (k) {
                    case "key" -> key = requiredString(v, p);
                    case "value" -> value = optionalString(v, p);
                    default -> throw Bail.INSTANCE;
                }
            }
            if (key == null) {
                throw Bail.INSTANCE;
            }
            out.add(new Tag(key, value));
        }
        expect(p.currentToken(), JsonToken.END_ARRAY);
        return out;
    }

    private static List<AssetField> fields(JsonToken t, JsonParser p) throws IOException, Bail {
        expect(t, JsonToken.START_ARRAY);
        List<AssetField> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            String type = null;
            String description = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken v = p.nextToken();
                switch (k) {
                    case "name" -> name = requiredString(v, p);
                    case "type" -> type = requiredString(v, p);
                    case "description" -> description = optionalString(v, p);
                    default -> throw Bail.INSTANCE;
                }
            }
            if (name == null || type == null) {
                throw Bail.INSTANCE;
            }
            out.add(new AssetField(name, type, description));
        }
        expect(p.currentToken(), JsonToken.END_ARRAY);
        return out;
    }

    private static AssetVolume volume(JsonToken t, JsonParser p) throws IOException, Bail {
        expect(t, JsonToken.START_OBJECT);
        Long rows = null;
        Long bytes = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            switch (k) {
                case "row_count" -> rows = count(v, p);
                case "byte_count" -> bytes = count(v, p);
                default -> throw Bail.INSTANCE;
            }
        }
        return new AssetVolume(rows, bytes);
    }

    private static AssetFreshness freshness(JsonToken t, JsonParser p) throws IOException, Bail {
        expect(t, JsonToken.START_OBJECT);
        String last = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            if (!k.equals("last_update_time")) {
                throw Bail.INSTANCE;
            }
            last = zoned(optionalString(v, p));
        }
        return new AssetFreshness(last);
    }

    private static QueryLogEntry queryLog(JsonParser p) throws IOException, Bail {
        Instant start = null;
        Instant end = null;
        String text = null;
        String queryId = null;
        String user = null;
        Object errorCode = null;
        String errorText = null;
        Long returnedRows = null;
        Map<String, Object> extra = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "start_time" -> start = instant(requiredString(v, p));
                case "end_time" -> end = instant(requiredString(v, p));
                case "query_text" -> text = requiredString(v, p);
                case "query_id" -> queryId = optionalString(v, p);
                case "user" -> user = optionalString(v, p);
                case "error_code" -> {
                    if (v == JsonToken.VALUE_STRING) {
                        errorCode = p.getText();
                    } else if (v == JsonToken.VALUE_NUMBER_INT) {
                        errorCode = integer(p);
                    } else if (v == JsonToken.VALUE_NULL) {
                        errorCode = null;
                    } else {
                        throw Bail.INSTANCE;
                    }
                }
                case "error_text" -> errorText = optionalString(v, p);
                case "returned_rows" -> returnedRows = count(v, p);
                case "extra" -> {
                    if (v == JsonToken.VALUE_NULL) {
                        extra = null;
                    } else {
                        expect(v, JsonToken.START_OBJECT);
                        extra = object(p);
                    }
                }
                default -> throw Bail.INSTANCE;
            }
        }
        if (start == null || end == null || text == null) {
            throw Bail.INSTANCE;
        }
        return new QueryLogEntry(start, end, text, queryId, user, errorCode, errorText, returnedRows, extra);
    }

    private static Map<String, Object> object(JsonParser p) throws IOException, Bail {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            m.put(k, value(p.nextToken(), p));
        }
        return m;
    }

    private static Object value(JsonToken t, JsonParser p) throws IOException, Bail {
        switch (t) {
            case START_OBJECT -> {
                return object(p);
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(value(e, p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return integer(p);
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw Bail.INSTANCE;
        }
    }

    private static Object integer(JsonParser p) throws IOException {
        JsonParser.NumberType n = p.getNumberType();
        return n == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
    }

    private static Long count(JsonToken t, JsonParser p) throws IOException, Bail {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw Bail.INSTANCE;
        }
        long v = p.getLongValue();
        if (v < 0) {
            throw Bail.INSTANCE;
        }
        return v;
    }

    private static String requiredString(JsonToken t, JsonParser p) throws IOException, Bail {
        if (t != JsonToken.VALUE_STRING) {
            throw Bail.INSTANCE;
        }
        return p.getText();
    }

    private static String optionalString(JsonToken t, JsonParser p) throws IOException, Bail {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return requiredString(t, p);
    }

    /** The wire form (UTC, {@code Z}); throws (and so bails) when it has no zone. */
    private static String zoned(String text) {
        return text == null ? null : Timestamps.normalise(text);
    }

    private static Instant instant(String text) {
        return Timestamps.parseZoned(text);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws Bail {
        if (actual != expected) {
            throw Bail.INSTANCE;
        }
    }
}
