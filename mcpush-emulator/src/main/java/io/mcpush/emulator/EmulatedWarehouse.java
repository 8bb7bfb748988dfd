package io.mcpush.emulator;

import static java.util.Objects.requireNonNull;

/**
 * A warehouse (Monte Carlo resource) that the emulated {@code getUser} lists.
 *
 * <p>Immutable and thread-safe; no component may be null.
 *
 * @param uuid the resource UUID ({@code MCD_RESOURCE_UUID})
 * @param name its display name
 * @param connectionType the {@code resource_type} to push with, e.g. {@code snowflake}
 */
public record EmulatedWarehouse(String uuid, String name, String connectionType) {
    public EmulatedWarehouse {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(name, "name is null");
        requireNonNull(connectionType, "connectionType is null");
    }
}
