package io.mcpush.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.LogTypes;
import io.mcpush.sdk.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a request body against the exact shape the pycarlo SDK sends (push-api spec §2-§6) and
 * names the JSON path of the first problem. Stateless and thread-safe.
 */
final class PayloadValidator {
    /** A body that does not have the SDK's shape; the message names the JSON path. */
    static final class InvalidPayload extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidPayload(String message) {
            super(message, null, false, false);
        }
    }

    /** What the emulator records about a valid request. */
    record Summary(String eventType, String resourceUuid, String resourceValue, int eventCount) {
    }

    @FunctionalInterface
    interface Check {
        void check(JsonNode value, String path) throws InvalidPayload;
    }

    private static final Pattern WIRE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?Z");
    private static final Set<String> REF_TYPES = Set.of("TABLE", "VIEW", "EXTERNAL", "WILDCARD");

    private static final Check STRING = (v, p) -> {
        if (!v.isTextual()) {
            throw problem(p + " must be a string, got " + kind(v));
        }
    };
    private static final Check NON_NEGATIVE_INTEGER = (v, p) -> {
        if (!v.isIntegralNumber()) {
            throw problem(p + " must be a non-negative integer, got " + kind(v));
        }
        if (v.bigIntegerValue().signum() < 0) {
            throw problem(p + " must be a non-negative integer, got " + v.asText());
        }
    };
    private static final Check STRING_OR_INTEGER = (v, p) -> {
        if (!v.isTextual() && !v.isIntegralNumber()) {
            throw problem(p + " must be a string or an integer, got " + kind(v));
        }
    };
    private static final Check ANY_OBJECT = (v, p) -> {
        if (!v.isObject()) {
            throw problem(p + " must be an object, got " + kind(v));
        }
    };
    private static final Check WIRE_TIMESTAMP = (v, p) -> {
        STRING.check(v, p);
        String text = v.textValue();
        boolean ok = WIRE_TIME.matcher(text).matches();
        if (ok) {
            try {
                Instant.parse(text);
            } catch (DateTimeParseException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw problem(p + " '" + abbreviate(text) + "' is not a UTC timestamp in the SDK's form"
                    + " YYYY-MM-DDTHH:MM:SS[.ffffff]Z, e.g. 2026-11-25T08:00:00Z");
        }
    };
    private static final Check ZONED_TIMESTAMP = (v, p) -> {
        STRING.check(v, p);
        try {
            Timestamps.parseZoned(v.textValue());
        } catch (IllegalArgumentException e) {
            throw problem(p + " " + e.getMessage());
        }
    };
    private static final Check ASSET_TYPE = (v, p) -> {
        STRING.check(v, p);
        if (!v.textValue().equals("TABLE") && !v.textValue().equals("VIEW")) {
            throw problem(p + " must be TABLE or VIEW, got '" + abbreviate(v.textValue()) + "'");
        }
    };
    private static final Check REF_TYPE = (v, p) -> {
        STRING.check(v, p);
        if (!REF_TYPES.contains(v.textValue())) {
            throw problem(p + " must be TABLE, VIEW, EXTERNAL or WILDCARD, got '" + abbreviate(v.textValue()) + "'");
        }
    };

    private static final ObjectSpec TAG = new ObjectSpec("Tag").required("key", STRING).optional("value", STRING);
    private static final ObjectSpec ASSET_FIELD = new ObjectSpec("AssetField")
            .required("name", STRING).required("type", STRING).optional("description", STRING);
    private static final ObjectSpec ASSET_METADATA = new ObjectSpec("AssetMetadata")
            .required("name", STRING).required("database", STRING).required("schema", STRING)
            .optional("description", STRING).optional("view_query", STRING).optional("created_on", STRING);
    private static final ObjectSpec ASSET_VOLUME = new ObjectSpec("AssetVolume")
            .optional("row_count", NON_NEGATIVE_INTEGER).optional("byte_count", NON_NEGATIVE_INTEGER);
    private static final ObjectSpec ASSET_FRESHNESS = new ObjectSpec("AssetFreshness")
            .optional("last_update_time", ZONED_TIMESTAMP);
    private static final ObjectSpec RELATIONAL_ASSET = new ObjectSpec("RelationalAsset")
            .required("type", ASSET_TYPE).required("metadata", ASSET_METADATA)
            .optional("tags", list(TAG, "the SDK omits empty lists"))
            .optional("fields", list(ASSET_FIELD, "the SDK omits empty lists"))
            .optional("volume", ASSET_VOLUME).optional("freshness", ASSET_FRESHNESS);
    private static final String WRAP_HINT = "the SDK sends each asset wrapped as {\"relational_asset\": {...}}"
            + " (a bare asset is the docs' variant)";
    private static final ObjectSpec METADATA_EVENT = new ObjectSpec("a metadata event")
            .required("relational_asset", RELATIONAL_ASSET)
            .hint("type", WRAP_HINT).hint("metadata", WRAP_HINT);

    private static final ObjectSpec LINEAGE_REF = new ObjectSpec("LineageAssetRef")
            .required("type", REF_TYPE).required("name", STRING).required("database", STRING)
            .required("schema", STRING).optional("asset_id", STRING)
            .hint("table", "the SDK sends the table name as name (table= is the docs' variant)");
    private static final ObjectSpec SOURCE_FIELD = new ObjectSpec("ColumnLineageSourceField")
            .required("asset_id", STRING).required("field_name", STRING);
    private static final ObjectSpec COLUMN_FIELD = new ObjectSpec("ColumnLineageField")
            .required("name", STRING).required("source_fields", list(SOURCE_FIELD, null))
            .hint("destination_field", "the SDK sends the destination column as name");
    private static final ObjectSpec LINEAGE_EVENT = new ObjectSpec("LineageEvent")
            .required("destination", LINEAGE_REF)
            .required("sources", list(LINEAGE_REF, "a lineage event needs at least one source"))
            .optional("fields", list(COLUMN_FIELD, "the SDK omits empty lists"))
            .hint("source", "the SDK sends sources: [ref, ...] (a single source is the docs' variant)")
            .hint("col_mappings", "the SDK sends column lineage as fields: [{name, source_fields:"
                    + " [{asset_id, field_name}]}] with event_type COLUMN_LINEAGE (col_mappings is the docs' variant)");

    private static final ObjectSpec QUERY_LOG_ENTRY = new ObjectSpec("QueryLogEntry")
            .required("start_time", WIRE_TIMESTAMP).required("end_time", WIRE_TIMESTAMP)
            .required("query_text", STRING).optional("query_id", STRING).optional("user", STRING)
            .optional("error_code", STRING_OR_INTEGER).optional("error_text", STRING)
            .optional("returned_rows", NON_NEGATIVE_INTEGER).optional("extra", ANY_OBJECT)
            .otherwiseHint("vendor-specific keys go under extra");

    private static final Check ANY_ARRAY = (v, p) -> {
        if (!v.isArray()) {
            throw problem(p + " must be an array, got " + kind(v));
        }
    };
    private static final ObjectSpec ENVELOPE = new ObjectSpec("the request")
            .required("event_type", STRING).required("resource", ANY_OBJECT).required("events", ANY_ARRAY);

    private PayloadValidator() {
    }

    /**
     * Validates {@code root} as a request to {@code flow}'s endpoint.
     *
     * @throws InvalidPayload naming the JSON path of the first problem
     */
    static Summary validate(Flow flow, JsonNode root) throws InvalidPayload {
        if (!root.isObject()) {
            throw problem("the request body must be a JSON object, got " + kind(root));
        }
        ENVELOPE.check(root, "");
        String eventType = root.get("event_type").textValue();
        checkEventType(flow, eventType);

        String otherKey = flow == Flow.QUERY_LOGS ? "resource_type" : "log_type";
        String resourceValueKey = flow == Flow.QUERY_LOGS ? "log_type" : "resource_type";
        ObjectSpec resource = new ObjectSpec("resource for " + flow.path())
                .required("uuid", STRING)
                .required(resourceValueKey, flow == Flow.QUERY_LOGS ? PayloadValidator::checkLogType
                        : PayloadValidator::checkResourceType)
                .hint(otherKey, flow == Flow.QUERY_LOGS ? "query logs name their source with log_type"
                        : "metadata and lineage name their source with resource_type (log_type is for query logs)");
        JsonNode res = root.get("resource");
        resource.check(res, "resource");
        if (res.get("uuid").textValue().isEmpty()) {
            throw problem("resource.uuid is empty");
        }

        JsonNode events = root.get("events");
        if (events.isEmpty()) {
            throw problem("events is empty; the SDK never sends a request without events");
        }
        for (int i = 0; i < events.size(); i++) {
            String p = "events[" + i + "]";
            JsonNode event = events.get(i);
            switch (flow) {
                case METADATA -> METADATA_EVENT.check(event, p);
                case LINEAGE -> checkLineageEvent(eventType, event, p);
                case QUERY_LOGS -> QUERY_LOG_ENTRY.check(event, p);
                default -> throw new IllegalStateException("no endpoint for " + flow);
            }
        }
        return new Summary(eventType, res.get("uuid").textValue(), res.get(resourceValueKey).textValue(),
                events.size());
    }

    private static void checkEventType(Flow flow, String eventType) throws InvalidPayload {
        List<String> expected = switch (flow) {
            case METADATA -> List.of("METADATA");
            case LINEAGE -> List.of("LINEAGE", "COLUMN_LINEAGE");
            case QUERY_LOGS -> List.of("QUERY_LOG");
        };
        if (expected.contains(eventType)) {
            return;
        }
        if (flow == Flow.METADATA && eventType.equals("RELATIONAL_ASSET")) {
            throw problem("event_type 'RELATIONAL_ASSET' is the docs' variant; the SDK sends METADATA to "
                    + flow.path());
        }
        throw problem("event_type '" + abbreviate(eventType) + "' does not belong on " + flow.path()
                + " (expected " + String.join(" or ", expected) + ")");
    }

    private static void checkLogType(JsonNode v, String p) throws InvalidPayload {
        STRING.check(v, p);
        if (!LogTypes.isSupported(v.textValue())) {
            throw problem(p + " '" + abbreviate(v.textValue()) + "' is not supported (supported: "
                    + String.join(", ", LogTypes.SUPPORTED) + ")");
        }
    }

    private static void checkResourceType(JsonNode v, String p) throws InvalidPayload {
        STRING.check(v, p);
        String text = v.textValue();
        if (text.isEmpty()) {
            throw problem(p + " is empty; use the connection type, e.g. snowflake");
        }
        if (!text.equals(text.toLowerCase(Locale.ROOT))) {
            throw problem(p + " '" + abbreviate(text) + "' must be lower case, e.g. '"
                    + abbreviate(text.toLowerCase(Locale.ROOT)) + "'");
        }
    }

    private static void checkLineageEvent(String eventType, JsonNode event, String p) throws InvalidPayload {
        LINEAGE_EVENT.check(event, p);
        JsonNode fields = event.get("fields");
        if (fields == null) {
            return;
        }
        if (eventType.equals("LINEAGE")) {
            throw problem(p + ".fields holds column lineage but event_type is LINEAGE; send such events as COLUMN_LINEAGE");
        }
        Set<String> ids = new HashSet<>();
        JsonNode sources = event.get("sources");
        for (JsonNode s : sources) {
            JsonNode id = s.get("asset_id");
            if (id != null) {
                ids.add(id.textValue());
            }
        }
        for (int f = 0; f < fields.size(); f++) {
            JsonNode sourceFields = fields.get(f).get("source_fields");
            for (int s = 0; s < sourceFields.size(); s++) {
                String id = sourceFields.get(s).get("asset_id").textValue();
                if (!ids.contains(id)) {
                    throw problem(p + ".fields[" + f + "].source_fields[" + s + "].asset_id '" + abbreviate(id)
                            + "' names none of this event's sources (their asset_ids: "
                            + (ids.isEmpty() ? "none" : String.join(", ", ids.stream().sorted().toList())) + ")");
                }
            }
        }
    }

    private static Check list(ObjectSpec element, String emptyAdvice) {
        return (v, p) -> {
            if (!v.isArray()) {
                throw problem(p + " must be an array, got " + kind(v));
            }
            if (v.isEmpty() && emptyAdvice != null) {
                throw problem(p + " is empty; " + emptyAdvice);
            }
            for (int i = 0; i < v.size(); i++) {
                element.check(v.get(i), p + "[" + i + "]");
            }
        };
    }

    static InvalidPayload problem(String message) {
        return new InvalidPayload(message);
    }

    static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> v.isIntegralNumber() ? "an integer" : "a fractional number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Keeps messages one short line whatever the client sent. */
    static String abbreviate(String s) {
        String oneLine = s.replaceAll("[\\r\\n\\t]", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    /** The keys an object may hold, which are required, and hints for known wrong keys. */
    private static final class ObjectSpec implements Check {
        private final String name;
        private final Map<String, Check> checks = new LinkedHashMap<>();
        private final Set<String> required = new HashSet<>();
        private final Map<String, String> hints = new HashMap<>();
        private String otherwiseHint;

        ObjectSpec(String name) {
            this.name = name;
        }

        ObjectSpec required(String key, Check check) {
            checks.put(key, check);
            required.add(key);
            return this;
        }

        ObjectSpec optional(String key, Check check) {
            checks.put(key, check);
            return this;
        }

        ObjectSpec hint(String key, String hint) {
            hints.put(key, hint);
            return this;
        }

        ObjectSpec otherwiseHint(String hint) {
            this.otherwiseHint = hint;
            return this;
        }

        @Override
        public void check(JsonNode node, String path) throws InvalidPayload {
            if (!node.isObject()) {
                throw problem(path + " must be an object, got " + kind(node));
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                String p = path.isEmpty() ? key : path + "." + key;
                Check check = checks.get(key);
                if (check == null) {
                    String hint = hints.getOrDefault(key, otherwiseHint);
                    throw problem(p + " is not a field of " + name
                            + (hint != null ? "; " + hint : " (fields: " + String.join(", ", checks.keySet()) + ")"));
                }
                if (e.getValue().isNull()) {
                    throw problem(required.contains(key) ? p + " is null; it is required"
                            : p + " is null; the SDK omits absent values");
                }
                check.check(e.getValue(), p);
            }
            for (String key : checks.keySet()) {
                if (required.contains(key) && !node.has(key)) {
                    String p = path.isEmpty() ? key : path + "." + key;
                    throw problem(p + " is missing; " + name + " requires it");
                }
            }
        }
    }
}
