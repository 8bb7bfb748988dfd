package io.mcpush.source;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Creates the sources of one warehouse type. Implementations are found with
 * {@link java.util.ServiceLoader} (one {@code META-INF/services/io.mcpush.source.SourceFactory}
 * line per module), need a public no-argument constructor, and are stateless and thread-safe.
 *
 * <p>A factory also describes itself for {@code mcpush sources} and for the CLI, which offers
 * every source's {@link #options()} as flags ({@code --jdbc-url URL}) and config-file keys.
 */
public interface SourceFactory {
    /** The name users type: {@code --source duckdb}. Lower case, stable. */
    String type();

    /** One line on what the source reads. */
    String description();

    /** What the sources of this factory can collect. */
    Set<Capability> capabilities();

    /** Every option the source takes, including the shared JDBC ones. */
    List<SourceOption> options();

    /** The privileges the database user needs, one per line, for {@code mcpush sources}. */
    List<String> grants();

    /** What the source cannot collect or reports only approximately, for {@code mcpush sources}. */
    default List<String> notes() {
        return List.of();
    }

    /** Monte Carlo {@code resource_type} for metadata and lineage unless the user names another. */
    String resourceType();

    /**
     * How late the warehouse's query history arrives: query-log windows end this long before
     * now. Sources whose history is complete at once return zero.
     */
    default Duration defaultLag() {
        return Duration.ZERO;
    }

    /**
     * The lag of one windowed flow, for warehouses whose histories arrive with different delays
     * (Snowflake: QUERY_HISTORY 45 min, ACCESS_HISTORY up to 3 h); by default {@link #defaultLag()}.
     */
    default Duration defaultLag(io.mcpush.sdk.Flow flow) {
        return defaultLag();
    }

    /**
     * Checks the options and creates a source. Connecting may happen here or on first use;
     * either way failure to connect is a {@link SourceConnectionException}.
     *
     * @throws SourceConfigException when an option is missing, unknown or malformed
     */
    Source create(SourceOptions options);
}
