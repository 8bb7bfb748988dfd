package io.mcpush.source;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The source factories on the class path, by type, found through {@link ServiceLoader}. Immutable. */
public final class SourceRegistry {
    private final Map<String, SourceFactory> factories;

    private SourceRegistry(Map<String, SourceFactory> factories) {
        this.factories = Collections.unmodifiableMap(factories);
    }

    /** Every factory registered in {@code META-INF/services/io.mcpush.source.SourceFactory}. */
    public static SourceRegistry load(ClassLoader loader) {
        Map<String, SourceFactory> found = new TreeMap<>();
        for (SourceFactory f : ServiceLoader.load(SourceFactory.class, loader)) {
            SourceFactory previous = found.putIfAbsent(f.type(), f);
            if (previous != null && previous.getClass() != f.getClass()) {
                throw new IllegalStateException("two source factories for type " + f.type() + ": "
                        + previous.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        return new SourceRegistry(found);
    }

    public static SourceRegistry load() {
        return load(SourceRegistry.class.getClassLoader());
    }

    /** For tests and embedding: exactly these factories. */
    public static SourceRegistry of(List<SourceFactory> list) {
        Map<String, SourceFactory> m = new LinkedHashMap<>();
        list.forEach(f -> m.put(f.type(), f));
        return new SourceRegistry(m);
    }

    public Collection<SourceFactory> all() {
        return factories.values();
    }

    /**
     * @throws SourceConfigException naming the known types when {@code type} is unknown
     */
    public SourceFactory get(String type) {
        requireNonNull(type, "type is null");
        SourceFactory f = factories.get(type.trim().toLowerCase(java.util.Locale.ROOT));
        if (f == null) {
            throw new SourceConfigException("source", "unknown source '" + type + "' (known: "
                    + (factories.isEmpty() ? "none" : String.join(", ", factories.keySet())) + ")");
        }
        return f;
    }
}
