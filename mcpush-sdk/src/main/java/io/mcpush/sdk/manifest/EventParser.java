package io.mcpush.sdk.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.InvalidEventException;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.AssetFreshness;
import io.mcpush.sdk.model.AssetMetadata;
import io.mcpush.sdk.model.AssetVolume;
import io.mcpush.sdk.model.ColumnLineageField;
import io.mcpush.sdk.model.ColumnLineageSourceField;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.model.Tag;
import io.mcpush.sdk.model.WireEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one parsed manifest line into a wire event, strictly: wrong JSON types are errors (no
 * coercion of {@code "12"} to 12), unknown keys are errors, required values must be present.
 * {@code null} for an optional value means absent. Errors are {@link InvalidEventException}s
 * carrying the JSON path. Stateless and thread-safe.
 */
final class EventParser {
    private EventParser() {
    }

    static WireEvent parse(Flow flow, JsonNode node) {
        return switch (flow) {
            case METADATA -> asset(node);
            case LINEAGE -> lineage(node);
            case QUERY_LOGS -> queryLog(node);
        };
    }

    // ---- metadata -------------------------------------------------------------------------

    private static final Set<String> ASSET_KEYS = Set.of("type", "metadata", "tags", "fields", "volume", "freshness");
    private static final Set<String> METADATA_KEYS = Set.of("name", "database", "schema", "description",
            "view_query", "created_on");

    static RelationalAsset asset(JsonNode node) {
        Obj o = Obj.of(node, "", "a relational asset");
        if (o.has("relational_asset") && !o.has("type")) {
            return asset(o.node.get("relational_asset"));
        }
        o.onlyKeys(ASSET_KEYS);
        String type = o.requiredString("type");
        if (!type.equals("TABLE") && !type.equals("VIEW")) {
            throw new InvalidEventException("type", "must be TABLE or VIEW, not '" + type
                    + "' (collectors normalise warehouse types; see TableTypes)");
        }
        Obj m = o.object("metadata", "asset metadata", true);
        m.onlyKeys(METADATA_KEYS);
        AssetMetadata metadata = new AssetMetadata(m.requiredString("name"), m.requiredString("database"),
                m.requiredString("schema"), m.optionalString("description"), m.optionalString("view_query"),
                wireTimestamp(m.path("created_on"), m.optionalString("created_on")));
        List<Tag> tags = new ArrayList<>();
        for (Obj t : o.objects("tags", "tag")) {
            t.onlyKeys(Set.of("key", "value"));
            tags.add(new Tag(t.requiredString("key"), t.optionalString("value")));
        }
        List<AssetField> fields = new ArrayList<>();
        for (Obj f : o.objects("fields", "field")) {
            f.onlyKeys(Set.of("name", "type", "description"));
            fields.add(new AssetField(f.requiredString("name"), f.requiredString("type"),
                    f.optionalString("description")));
        }
        AssetVolume volume = null;
        Obj v = o.object("volume", "volume", false);
        if (v != null) {
            v.onlyKeys(Set.of("row_count", "byte_count"));
            volume = new AssetVolume(v.optionalCount("row_count"), v.optionalCount("byte_count"));
        }
        AssetFreshness freshness = null;
        Obj fr = o.object("freshness", "freshness", false);
        if (fr != null) {
            fr.onlyKeys(Set.of("last_update_time"));
            freshness = new AssetFreshness(wireTimestamp(fr.path("last_update_time"),
                    fr.optionalString("last_update_time")));
        }
        return new RelationalAsset(type, metadata, tags, fields, volume, freshness);
    }

    // ---- lineage --------------------------------------------------------------------------

    private static final Set<String> REF_KEYS = Set.of("type", "name", "database", "schema", "asset_id");

    static LineageEvent lineage(JsonNode node) {
        Obj o = Obj.of(node, "", "a lineage event");
        if (o.has("source") && !o.has("sources")) {
            throw new InvalidEventException("source", "the SDK shape is 'sources', a list of references");
        }
        if (o.has("col_mappings")) {
            throw new InvalidEventException("col_mappings",
                    "the SDK shape is 'fields': [{name, source_fields: [{asset_id, field_name}]}]");
        }
        o.onlyKeys(Set.of("destination", "sources", "fields"));
        LineageAssetRef destination = ref(o.object("destination", "lineage reference", true));
        List<LineageAssetRef> sources = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Obj s : o.objects("sources", "lineage reference")) {
            LineageAssetRef r = ref(s);
            sources.add(r);
            if (r.assetId() != null) {
                ids.add(r.assetId());
            }
        }
        if (sources.isEmpty()) {
            throw new InvalidEventException("sources", "needs at least one source");
        }
        List<ColumnLineageField> fields = new ArrayList<>();
        for (Obj f : o.objects("fields", "column mapping")) {
            f.onlyKeys(Set.of("name", "source_fields"));
            String name = f.requiredString("name");
            List<ColumnLineageSourceField> sfs = new ArrayList<>();
            for (Obj sf : f.objects("source_fields", "source field")) {
                sf.onlyKeys(Set.of("asset_id", "field_name"));
                String assetId = sf.requiredString("asset_id");
                if (!ids.contains(assetId)) {
                    throw new InvalidEventException(sf.path("asset_id"), "'" + assetId
                            + "' names none of the event's sources (their asset_ids: " + ids + ")");
                }
                sfs.add(new ColumnLineageSourceField(assetId, sf.requiredString("field_name")));
            }
            if (!f.has("source_fields")) {
                throw new InvalidEventException(f.path("source_fields"), "is required");
            }
            fields.add(new ColumnLineageField(name, sfs));
        }
        return new LineageEvent(destination, sources, fields);
    }

    private static LineageAssetRef ref(Obj r) {
        r.onlyKeys(REF_KEYS);
        if (r.has("table") && !r.has("name")) {
            throw new InvalidEventException(r.path("table"), "the SDK shape names the table 'name'");
        }
        return new LineageAssetRef(r.requiredString("type"), r.requiredString("name"), r.requiredString("database"),
                r.requiredString("schema"), r.optionalString("asset_id"));
    }

    // ---- query logs -----------------------------------------------------------------------

    private static final Set<String> QUERY_KEYS = Set.of("start_time", "end_time", "query_text", "query_id", "user",
            "error_code", "error_text", "returned_rows", "extra");

    static QueryLogEntry queryLog(JsonNode node) {
        Obj o = Obj.of(node, "", "a query-log entry");
        for (Iterator<String> it = o.node.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!QUERY_KEYS.contains(k)) {
                throw new InvalidEventException(k, "is not a field of a query-log entry; vendor fields go under 'extra'");
            }
        }
        Instant start = instant(o, "start_time");
        Instant end = instant(o, "end_time");
        String text = o.requiredString("query_text");
        Object errorCode = null;
        JsonNode ec = o.node.get("error_code");
        if (ec != null && !ec.isNull()) {
            if (ec.isTextual()) {
                errorCode = ec.textValue();
            } else if (ec.isIntegralNumber()) {
                errorCode = ec.canConvertToLong() ? (Object) ec.longValue() : ec.bigIntegerValue();
            } else {
                throw new InvalidEventException("error_code", "must be a string or an integer, not " + kind(ec));
            }
        }
        Map<String, Object> extra = null;
        JsonNode ex = o.node.get("extra");
        if (ex != null && !ex.isNull()) {
            if (!ex.isObject()) {
                throw new InvalidEventException("extra", "must be an object, not " + kind(ex));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) plain(ex);
            extra = m;
        }
        return new QueryLogEntry(start, end, text, o.optionalString("query_id"), o.optionalString("user"), errorCode,
                o.optionalString("error_text"), o.optionalCount("returned_rows"), extra);
    }

    private static Instant instant(Obj o, String key) {
        String text = o.requiredString(key);
        try {
            return Timestamps.parseZoned(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(o.path(key), e.getMessage());
        }
    }

    /** A zoned timestamp in its wire form (UTC, {@code Z}): an offset such as +02:00 is converted. */
    private static String wireTimestamp(String path, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.normalise(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(path, e.getMessage());
        }
    }

    /** JSON tree to plain Java values (LinkedHashMap, ArrayList, String, Long/BigInteger, Double, Boolean, null). */
    static Object plain(JsonNode n) {
        switch (n.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                n.fields().forEachRemaining(e -> m.put(e.getKey(), plain(e.getValue())));
                return m;
            }
            case ARRAY -> {
                List<Object> l = new ArrayList<>(n.size());
                n.forEach(c -> l.add(plain(c)));
                return l;
            }
            case STRING -> {
                return n.textValue();
            }
            case BOOLEAN -> {
                return n.booleanValue();
            }
            case NUMBER -> {
                if (n.isIntegralNumber()) {
                    return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
                }
                return n.doubleValue();
            }
            default -> {
                return null;
            }
        }
    }

    static String kind(JsonNode n) {
        JsonNodeType t = n.getNodeType();
        return switch (t) {
            case STRING -> "a string";
            case NUMBER -> n.isIntegralNumber() ? "an integer" : "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A JSON object being read, with its path for messages. */
    static final class Obj {
        final JsonNode node;
        final String prefix;
        final String what;

        private Obj(JsonNode node, String prefix, String what) {
            this.node = node;
            this.prefix = prefix;
            this.what = what;
        }

        static Obj of(JsonNode node, String prefix, String what) {
            if (node == null || !node.isObject()) {
                throw new InvalidEventException(prefix.isEmpty() ? "(line)" : prefix,
                        "must be " + article(what) + " object, not " + (node == null ? "missing" : kind(node)));
            }
            return new Obj(node, prefix, what);
        }

        private static String article(String what) {
            return "aeiou".indexOf(what.charAt(0)) >= 0 ? "an" : "a";
        }

        String path(String key) {
            return prefix.isEmpty() ? key : prefix + "." + key;
        }

        boolean has(String key) {
            return node.has(key);
        }

        void onlyKeys(Set<String> known) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!known.contains(k)) {
                    throw new InvalidEventException(path(k), "is not a field of " + what + " (known: "
                            + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                }
            }
        }

        String requiredString(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw new InvalidEventException(path(key), "is required");
            }
            if (!v.isTextual()) {
                throw new InvalidEventException(path(key), "must be a string, not " + kind(v));
            }
            return v.textValue();
        }

        String optionalString(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new InvalidEventException(path(key), "must be a string, not " + kind(v));
            }
            return v.textValue();
        }

        Long optionalCount(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new InvalidEventException(path(key), "must be an integer, not " + kind(v));
            }
            if (v.longValue() < 0) {
                throw new InvalidEventException(path(key), "must not be negative");
            }
            return v.longValue();
        }

        Obj object(String key, String what, boolean required) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    throw new InvalidEventException(path(key), "is required");
                }
                return null;
            }
            if (!v.isObject()) {
                throw new InvalidEventException(path(key), "must be an object, not " + kind(v));
            }
            return new Obj(v, path(key), what);
        }

        List<Obj> objects(String key, String what) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw new InvalidEventException(path(key), "must be a list, not " + kind(v));
            }
            List<Obj> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                String p = path(key) + "[" + i + "]";
                JsonNode e = v.get(i);
                if (!e.isObject()) {
                    throw new InvalidEventException(p, "must be an object, not " + kind(e));
                }
                out.add(new Obj(e, p, what));
            }
            return out;
        }
    }
}
