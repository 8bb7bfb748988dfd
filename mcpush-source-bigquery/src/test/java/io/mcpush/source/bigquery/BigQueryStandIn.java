package io.mcpush.source.bigquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A local stand-in for the BigQuery REST API v2 (BigQuery cannot run here): a JDK HttpServer that
 * answers the endpoints google-cloud-bigquery calls, with hand-written responses in the documented
 * REST shapes (https://cloud.google.com/bigquery/docs/reference/rest/v2): datasets.list
 * ({@code nextPageToken} paging), jobs.query ({@code POST .../queries}: schema, first page of
 * rows, {@code pageToken}, {@code jobReference}), jobs.get (the job with its anonymous
 * destination table, state DONE), tabledata.list (the following pages by {@code pageToken}) and
 * jobs.getQueryResults (and an OAuth {@code /token} endpoint). Rows are encoded as the API does ({@code {"f":[{"v":…}]}}, INT64 as
 * strings, TIMESTAMP as float seconds or int64 micros as the request asks, RECORD as a nested
 * {@code f} list, REPEATED as a {@code v} list). What a query returns is decided by
 * {@link #answer}: the test's function of the received SQL and parameters. Every request is
 * recorded for assertions; an unknown endpoint answers 404 and is recorded in {@link #unknown}.
 */
public final class BigQueryStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A column of a result schema; {@code fields} for RECORD. */
    public record Col(String name, String type, String mode, List<Col> fields) {
        public static Col of(String name, String type) {
            return new Col(name, type, "NULLABLE", List.of());
        }

        public static Col repeated(String name, Col... fields) {
            return new Col(name, "RECORD", "REPEATED", List.of(fields));
        }
    }

    /** A query's answer: schema and rows (values positional; a RECORD value is a List, REPEATED a List), or an error. */
    public record Result(List<Col> schema, List<List<Object>> rows, int errorStatus, String errorReason,
            String errorMessage) {
        public static Result of(List<Col> schema, List<List<Object>> rows) {
            return new Result(schema, rows, 0, null, null);
        }

        public static Result error(int status, String reason, String message) {
            return new Result(List.of(), List.of(), status, reason, message);
        }
    }

    /** A received query: project, SQL, named parameters (name → JSON parameterValue), labels. */
    public record Query(String project, String sql, Map<String, JsonNode> parameters, Map<String, String> labels,
            boolean useLegacySql) {
        /** A TIMESTAMP parameter as an instant. */
        public Instant timestamp(String name) {
            JsonNode v = parameters.get(name);
            if (v == null) {
                throw new AssertionError("no query parameter @" + name);
            }
            return OffsetDateTime.parse(v.path("value").asText().replace(' ', 'T')).toInstant();
        }

        public String string(String name) {
            JsonNode v = parameters.get(name);
            return v == null ? null : v.path("value").asText();
        }

        public List<String> strings(String name) {
            List<String> out = new ArrayList<>();
            JsonNode v = parameters.get(name);
            if (v != null) {
                for (JsonNode e : v.path("arrayValues")) {
                    out.add(e.path("value").asText());
                }
            }
            return out;
        }
    }

    private final HttpServer server;
    private final Map<String, List<String>> datasets = new HashMap<>();
    private final Map<String, StoredResult> results = new HashMap<>();
    private final AtomicInteger jobCounter = new AtomicInteger();
    public final List<Query> queries = Collections.synchronizedList(new ArrayList<>());
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    public final List<String> unknown = Collections.synchronizedList(new ArrayList<>());
    /** Rows per page of query results (first page and every tabledata.list page). */
    public volatile int pageSize = 2;
    /** Datasets per page of datasets.list. */
    public volatile int datasetPageSize = 2;
    public volatile Function<Query, Result> answer = q -> Result.error(400, "invalidQuery", "no answer set");

    private record StoredResult(List<Col> schema, List<List<Object>> rows, boolean int64Timestamps) {
    }

    public BigQueryStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The root URL to give BigQueryOptions.setHost. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void datasets(String project, String... ids) {
        datasets.put(project, List.of(ids));
    }

    private static final Pattern DATASETS = Pattern.compile("/bigquery/v2/projects/([^/]+)/datasets");
    private static final Pattern QUERIES = Pattern.compile("/bigquery/v2/projects/([^/]+)/queries");
    private static final Pattern QUERY_RESULTS = Pattern.compile("/bigquery/v2/projects/([^/]+)/queries/([^/]+)");
    private static final Pattern JOB = Pattern.compile("/bigquery/v2/projects/([^/]+)/jobs/([^/]+)");
    private static final Pattern TABLE_DATA =
            Pattern.compile("/bigquery/v2/projects/([^/]+)/datasets/([^/]+)/tables/([^/]+)/data");

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getRawPath();
            Map<String, String> params = query(ex.getRequestURI().getRawQuery());
            String method = ex.getRequestMethod();
            requests.add(method + " " + path);
            Matcher m;
            if (method.equals("POST") && path.equals("/token")) {
                // OAuth token endpoint, for service-account key files whose token_uri points here
                send(ex, 200, JSON.createObjectNode().put("access_token", "ya29.stand-in").put("expires_in", 3600)
                        .put("token_type", "Bearer"));
            } else if (method.equals("GET") && (m = DATASETS.matcher(path)).matches()) {
                listDatasets(ex, decode(m.group(1)), params);
            } else if (method.equals("POST") && (m = QUERIES.matcher(path)).matches()) {
                runQuery(ex, decode(m.group(1)));
            } else if (method.equals("GET") && (m = QUERY_RESULTS.matcher(path)).matches()) {
                page(ex, decode(m.group(2)), params, "bigquery#getQueryResultsResponse", decode(m.group(1)));
            } else if (method.equals("GET") && (m = JOB.matcher(path)).matches()) {
                getJob(ex, decode(m.group(1)), decode(m.group(2)));
            } else if (method.equals("GET") && (m = TABLE_DATA.matcher(path)).matches()) {
                page(ex, decode(m.group(3)).substring("anon_".length()), params, "bigquery#tableDataList", null);
            } else {
                unknown.add(method + " " + path);
                error(ex, 404, "notFound", "Not found: " + path);
            }
        } catch (IOException | RuntimeException | AssertionError e) {
            unknown.add("failure: " + e);
            error(ex, 500, "backendError", String.valueOf(e));
        } finally {
            ex.close();
        }
    }

    private void listDatasets(HttpExchange ex, String project, Map<String, String> params) throws IOException {
        List<String> ids = datasets.get(project);
        if (ids == null) {
            error(ex, 404, "notFound", "Not found: Project " + project);
            return;
        }
        int from = params.containsKey("pageToken") ? Integer.parseInt(params.get("pageToken")) : 0;
        int to = Math.min(ids.size(), from + datasetPageSize);
        ObjectNode body = JSON.createObjectNode().put("kind", "bigquery#datasetList").put("etag", "e1");
        ArrayNode list = body.putArray("datasets");
        for (String id : ids.subList(from, to)) {
            ObjectNode d = list.addObject().put("kind", "bigquery#dataset").put("id", project + ":" + id)
                    .put("location", "US");
            d.putObject("datasetReference").put("projectId", project).put("datasetId", id);
        }
        if (to < ids.size()) {
            body.put("nextPageToken", Integer.toString(to));
        }
        send(ex, 200, body);
    }

    private void runQuery(HttpExchange ex, String project) throws IOException {
        // the client gzips request bodies, as google-http-client does by default
        boolean gzip = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"));
        JsonNode req = JSON.readTree(gzip ? new GZIPInputStream(ex.getRequestBody()) : ex.getRequestBody());
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (JsonNode p : req.path("queryParameters")) {
            parameters.put(p.path("name").asText(), p.path("parameterValue"));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : req.path("labels").properties()) {
            labels.put(e.getKey(), e.getValue().asText());
        }
        Query q = new Query(project, req.path("query").asText(), parameters, labels,
                req.path("useLegacySql").asBoolean(true));
        queries.add(q);
        Result r = answer.apply(q);
        if (r.errorStatus() != 0) {
            error(ex, r.errorStatus(), r.errorReason(), r.errorMessage());
            return;
        }
        boolean int64 = req.path("formatOptions").path("useInt64Timestamp").asBoolean(false);
        String jobId = "job_" + jobCounter.incrementAndGet();
        results.put(jobId, new StoredResult(r.schema(), r.rows(), int64));
        ObjectNode body = JSON.createObjectNode().put("kind", "bigquery#queryResponse");
        body.set("schema", schema(r.schema()));
        body.putObject("jobReference").put("projectId", project).put("jobId", jobId).put("location", "US");
        body.put("totalRows", Integer.toString(r.rows().size()));
        int to = Math.min(r.rows().size(), pageSize);
        body.set("rows", rows(r.schema(), r.rows().subList(0, to), int64));
        if (to < r.rows().size()) {
            body.put("pageToken", Integer.toString(to));
        }
        body.put("jobComplete", true).put("cacheHit", false).put("totalBytesProcessed", "10485760");
        send(ex, 200, body);
    }

    private void getJob(HttpExchange ex, String project, String jobId) throws IOException {
        if (!results.containsKey(jobId)) {
            error(ex, 404, "notFound", "Not found: Job " + project + ":US." + jobId);
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("kind", "bigquery#job").put("id", project + ":US." + jobId);
        body.putObject("jobReference").put("projectId", project).put("jobId", jobId).put("location", "US");
        ObjectNode query = body.putObject("configuration").put("jobType", "QUERY").putObject("query");
        query.put("query", "(stand-in)");
        query.putObject("destinationTable").put("projectId", project).put("datasetId", "_0123456789abcdef")
                .put("tableId", "anon_" + jobId);
        body.putObject("status").put("state", "DONE");
        send(ex, 200, body);
    }

    private void page(HttpExchange ex, String jobId, Map<String, String> params, String kind, String project)
            throws IOException {
        StoredResult r = results.get(jobId);
        if (r == null) {
            error(ex, 404, "notFound", "Not found: Table or job " + jobId);
            return;
        }
        int from = params.containsKey("pageToken") ? Integer.parseInt(params.get("pageToken"))
                : params.containsKey("startIndex") ? Integer.parseInt(params.get("startIndex")) : 0;
        int to = Math.min(r.rows().size(), from + pageSize);
        boolean int64 = r.int64Timestamps() || "true".equals(params.get("formatOptions.useInt64Timestamp"));
        ObjectNode body = JSON.createObjectNode().put("kind", kind).put("totalRows", Integer.toString(r.rows().size()));
        if (project != null) {
            body.set("schema", schema(r.schema()));
            body.putObject("jobReference").put("projectId", project).put("jobId", jobId).put("location", "US");
            body.put("jobComplete", true);
        }
        body.set("rows", rows(r.schema(), r.rows().subList(from, to), int64));
        if (to < r.rows().size()) {
            body.put("pageToken", Integer.toString(to));
        }
        send(ex, 200, body);
    }

    private static ObjectNode schema(List<Col> cols) {
        ObjectNode s = JSON.createObjectNode();
        s.set("fields", fields(cols));
        return s;
    }

    private static ArrayNode fields(List<Col> cols) {
        ArrayNode a = JSON.createArrayNode();
        for (Col c : cols) {
            ObjectNode f = a.addObject().put("name", c.name()).put("type", c.type()).put("mode", c.mode());
            if (!c.fields().isEmpty()) {
                f.set("fields", fields(c.fields()));
            }
        }
        return a;
    }

    private static ArrayNode rows(List<Col> schema, List<List<Object>> rows, boolean int64) {
        ArrayNode a = JSON.createArrayNode();
        for (List<Object> row : rows) {
            a.add(record(schema, row, int64));
        }
        return a;
    }

    private static ObjectNode record(List<Col> schema, List<Object> row, boolean int64) {
        if (row.size() != schema.size()) {
            throw new IllegalArgumentException("row " + row + " does not match schema " + schema);
        }
        ObjectNode r = JSON.createObjectNode();
        ArrayNode f = r.putArray("f");
        for (int i = 0; i < schema.size(); i++) {
            f.add(cell(schema.get(i), row.get(i), int64));
        }
        return r;
    }

    private static ObjectNode cell(Col col, Object value, boolean int64) {
        ObjectNode cell = JSON.createObjectNode();
        if (value == null) {
            cell.putNull("v");
        } else if (col.mode().equals("REPEATED")) {
            ArrayNode items = cell.putArray("v");
            Col item = new Col(col.name(), col.type(), "NULLABLE", col.fields());
            for (Object o : (List<?>) value) {
                items.add(cell(item, o, int64));
            }
        } else if (col.type().equals("RECORD")) {
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) value;
            cell.set("v", record(col.fields(), values, int64));
        } else if (col.type().equals("TIMESTAMP")) {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) value);
            cell.put("v", int64 ? Long.toString(micros)
                    : new BigDecimal(micros).movePointLeft(6).stripTrailingZeros().toString());
        } else {
            cell.put("v", String.valueOf(value));
        }
        return cell;
    }

    private static void error(HttpExchange ex, int status, String reason, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode e = body.putObject("error").put("code", status).put("message", message);
        e.putArray("errors").addObject().put("message", message).put("domain", "global").put("reason", reason);
        e.put("status", status == 403 ? "PERMISSION_DENIED" : status == 404 ? "NOT_FOUND" : "INVALID_ARGUMENT");
        send(ex, status, body);
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            out.put(decode(eq < 0 ? kv : kv.substring(0, eq)), eq < 0 ? "" : decode(kv.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * The identifiers of the first backtick-quoted path in {@code sql} before {@code marker}
     * (e.g. {@code .INFORMATION_SCHEMA.TABLES}), unescaped as GoogleSQL does: the stand-in finds
     * the dataset a query is about the way BigQuery would, so quoting mistakes show.
     */
    public static List<String> pathBefore(String sql, String marker) {
        int end = sql.indexOf(marker);
        if (end < 0) {
            throw new AssertionError("no " + marker + " in the SQL");
        }
        List<String> parts = new ArrayList<>();
        int i = end - 1;
        // walk back over `a`.`b` groups
        while (i >= 0 && sql.charAt(i) == '`') {
            int j = i - 1;
            while (j >= 0 && !(sql.charAt(j) == '`' && !escaped(sql, j))) {
                j--;
            }
            parts.add(0, unescape(sql.substring(j + 1, i)));
            i = j - 1;
            if (i >= 0 && sql.charAt(i) == '.') {
                i--;
            } else {
                break;
            }
        }
        return parts;
    }

    private static boolean escaped(String s, int pos) {
        int n = 0;
        for (int k = pos - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static String unescape(String body) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '`') {
                throw new AssertionError("unescaped backtick inside a quoted identifier: " + body);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
