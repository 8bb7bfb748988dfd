package io.mcpush.source;

import io.mcpush.sdk.model.WireEvent;
import java.util.Iterator;

/**
 * One pass over the events a source collects, produced as they are read from the warehouse:
 * never a list of everything. {@link #next()} returns null at the end. Close it to release the
 * cursor, even after a partial read. Not thread-safe.
 *
 * @param <E> the wire event type of the flow
 */
public interface EventStream<E extends WireEvent> extends AutoCloseable {
    /** The next event, or null at the end. */
    E next();

    @Override
    void close();

    static <E extends WireEvent> EventStream<E> empty() {
        return of(java.util.Collections.emptyIterator());
    }

    /** Adapts an iterator (for sources whose events are computed, not read). */
    static <E extends WireEvent> EventStream<E> of(Iterator<? extends E> events) {
        return new EventStream<>() {
            @Override
            public E next() {
                return events.hasNext() ? events.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }
}
