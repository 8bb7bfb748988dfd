package io.mcpush.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphqlErrorBuilder;
import graphql.execution.CoercedVariables;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.mcpush.emulator.PushedCatalog.CatalogException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /graphql}: the emulated GraphQL API, built with graphql-java on the SDL subset in
 * {@code schema.graphqls} and answered from the {@link PushedCatalog}. Authentication uses the
 * configured {@link GraphqlKey}s only (an ingestion key is answered 401). Like Monte Carlo, errors
 * of a well-formed request come back as HTTP 200 with a top-level {@code errors} array.
 * Thread-safe.
 */
final class GraphqlEndpoint {
    static final String PATH = "/graphql";
    private static final Logger LOG = LoggerFactory.getLogger(GraphqlEndpoint.class);
    private static final byte[] NO_TOKEN = new byte[32];

    private final Map<String, GraphqlKey> keys = new LinkedHashMap<>();
    private final java.util.Set<String> ingestKeyIds;
    private final PushedCatalog catalog;
    private final ObjectMapper mapper;
    private final GraphQL graphql;

    GraphqlEndpoint(EmulatorConfig config, PushedCatalog catalog, ObjectMapper mapper) {
        config.graphqlKeys().forEach(k -> keys.put(k.id(), k));
        this.ingestKeyIds = config.keys().stream().map(IngestKey::id).collect(java.util.stream.Collectors.toSet());
        this.catalog = catalog;
        this.mapper = mapper;
        this.graphql = GraphQL.newGraphQL(schema()).defaultDataFetcherExceptionHandler(new ErrorsAsMessages()).build();
    }

    private GraphQLSchema schema() {
        String sdl;
        try (InputStream in = GraphqlEndpoint.class.getResourceAsStream("schema.graphqls")) {
            if (in == null) {
                throw new IllegalStateException("schema.graphqls is missing from the emulator jar");
            }
            sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema.graphqls", e);
        }
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(stringScalar("DateTime", "an ISO-8601 date or date-time", true))
                .scalar(stringScalar("UUID", "a UUID", false))
                .type("Query", t -> t
                        .dataFetcher("getTable", env -> catalog.getTable(env.getArgument("fullTableId"),
                                env.getArgument("dwId"), env.getArgument("mcon")))
                        .dataFetcher("getMetricsV4", env -> catalog.getMetrics(env.getArgument("mcon"),
                                env.getArgument("metricName"), instant(env, "startTime"), instant(env, "endTime")))
                        .dataFetcher("getTableLineage", env -> catalog.getTableLineage(env.getArgument("mcon"),
                                env.getArgument("direction"), intArg(env, "hops", 1)))
                        .dataFetcher("getDerivedTablesPartialLineage", env -> catalog.getDerivedTablesPartialLineage(
                                env.getArgument("mcon"), env.getArgument("column")))
                        .dataFetcher("getAggregatedQueries", env -> catalog.getAggregatedQueries(env.getArgument("mcon"),
                                env.getArgument("queryType"), instant(env, "startTime"), instant(env, "endTime"),
                                intArg(env, "first", 100), env.getArgument("after")))
                        .dataFetcher("getUser", env -> catalog.getUser()))
                .type("Mutation", t -> t
                        .dataFetcher("createOrUpdateLineageNode", env -> catalog.createOrUpdateLineageNode(
                                env.getArgument("objectType"), env.getArgument("objectId"), env.getArgument("resourceId"),
                                env.getArgument("resourceName"), env.getArgument("name"), instant(env, "expireAt")))
                        .dataFetcher("createOrUpdateLineageEdge", env -> catalog.createOrUpdateLineageEdge(
                                env.getArgument("source"), env.getArgument("destination"), instant(env, "expireAt")))
                        .dataFetcher("deleteLineageNode", env -> catalog.deleteLineageNode(env.getArgument("mcon")))
                        .dataFetcher("deletePushIngestedTables", (DataFetcher<Object>) env ->
                                catalog.deletePushIngestedTables(env.getArgument("mcons"))))
                .build();
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
    }

    private static Instant instant(DataFetchingEnvironment env, String name) {
        String text = env.getArgument(name);
        return text == null ? null : PushedCatalog.instant(text, null);
    }

    private static int intArg(DataFetchingEnvironment env, String name, int fallback) {
        Integer v = env.getArgument(name);
        return v == null ? fallback : v;
    }

    /** Handles one exchange on {@link #PATH}; the caller closes it. */
    void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            respond(exchange, 405, errors(exchange.getRequestMethod() + " is not allowed on " + PATH + "; use POST"));
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("x-mcd-id");
        String token = exchange.getRequestHeaders().getFirst("x-mcd-token");
        if (id == null || id.isEmpty() || token == null || token.isEmpty()) {
            respond(exchange, 401, errors("missing x-mcd-id or x-mcd-token header; send a GraphQL API key"));
            return;
        }
        GraphqlKey key = keys.get(id);
        boolean tokenMatches = MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                key == null ? NO_TOKEN : key.token().getBytes(StandardCharsets.UTF_8));
        if (key == null || !tokenMatches) {
            respond(exchange, 401, errors(ingestKeyIds.contains(id)
                    ? "x-mcd-id names an ingestion key; the GraphQL API needs a GraphQL API key (MCD_ID/MCD_TOKEN)"
                    : "x-mcd-id and x-mcd-token do not match a GraphQL API key"));
            return;
        }
        JsonNode request;
        try {
            request = mapper.readTree(body);
        } catch (IOException e) {
            respond(exchange, 400, errors("request body is not JSON"));
            return;
        }
        if (request == null || !request.isObject() || !request.path("query").isTextual()) {
            respond(exchange, 400, errors("request body must be a JSON object with a \"query\" string"));
            return;
        }
        JsonNode vars = request.get("variables");
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = vars == null || vars.isNull() ? Map.of() : mapper.convertValue(vars, Map.class);
        ExecutionInput.Builder input = ExecutionInput.newExecutionInput()
                .query(request.get("query").asText())
                .variables(variables);
        if (request.path("operationName").isTextual()) {
            input.operationName(request.get("operationName").asText());
        }
        ExecutionResult result = graphql.execute(input.build());
        respond(exchange, 200, result.toSpecification());
    }

    private static Map<String, Object> errors(String message) {
        return Map.of("errors", List.of(Map.of("message", message)));
    }

    private void respond(HttpExchange exchange, int status, Map<String, Object> json) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A string scalar checked on input: a date/date-time, or a UUID. */
    private static GraphQLScalarType stringScalar(String name, String what, boolean dateTime) {
        return GraphQLScalarType.newScalar().name(name).description(what).coercing(new Coercing<String, String>() {
            @Override
            public String serialize(Object value, GraphQLContext context, Locale locale) {
                return value.toString();
            }

            @Override
            public String parseValue(Object input, GraphQLContext context, Locale locale) {
                return check(input instanceof String s ? s : null, input);
            }

            @Override
            public String parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                    Locale locale) {
                if (!(input instanceof StringValue s)) {
                    throw new CoercingParseLiteralException(name + " must be a string");
                }
                return check(s.getValue(), input);
            }

            private String check(String s, Object input) {
                boolean ok = s != null && (dateTime ? PushedCatalog.instant(s, null) != null : isUuid(s));
                if (!ok) {
                    throw new CoercingParseValueException("'" + input + "' is not " + what);
                }
                return s;
            }
        }).build();
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return s.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Puts a catalog's message, unadorned, into {@code errors}; logs anything unexpected. */
    private static final class ErrorsAsMessages implements DataFetcherExceptionHandler {
        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
                graphql.execution.DataFetcherExceptionHandlerParameters parameters) {
            Throwable e = parameters.getException();
            String message;
            if (e instanceof CatalogException) {
                message = e.getMessage();
            } else {
                LOG.error("emulator GraphQL error at {}", parameters.getPath(), e);
                message = "emulator error: " + e;
            }
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult()
                    .error(GraphqlErrorBuilder.newError(parameters.getDataFetchingEnvironment()).message(message).build())
                    .build());
        }
    }
}
