package io.mcpush.cli;

import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.model.WireEvent;
import io.mcpush.sdk.push.EventSource;
import io.mcpush.source.EventStream;

/**
 * A collector's stream as a {@link EventSource} the pusher reads once ({@link #trusted()}: the
 * events were built through the wire records, so there is no validation pass and the warehouse
 * is read a single time). Each event may also be written to a manifest as it passes. Not
 * thread-safe.
 */
final class CollectedEvents implements EventSource {
    private final EventStream<? extends WireEvent> events;
    private final ManifestOutput tee;
    private final String name;
    private boolean opened;
    private boolean exhausted;
    private long line;

    CollectedEvents(EventStream<? extends WireEvent> events, ManifestOutput tee, String name) {
        this.events = events;
        this.tee = tee;
        this.name = name;
    }

    @Override
    public Stream open() {
        if (opened) {
            throw new IllegalStateException(name + " is a single pass over the source and was read already");
        }
        opened = true;
        return new Stream() {
            @Override
            public ManifestEvent next() {
                return CollectedEvents.this.next();
            }

            @Override
            public void close() {
                // the collection stays open: after a failed push the rest may still go into the manifest
            }
        };
    }

    private ManifestEvent next() {
        if (exhausted) {
            return null;
        }
        WireEvent e = events.next();
        if (e == null) {
            exhausted = true;
            return null;
        }
        if (tee != null) {
            tee.write(e);
        }
        return new ManifestEvent(++line, e);
    }

    /** Reads what the pusher left unread (it stops at a failure), so that the manifest is complete. */
    void drain() {
        while (next() != null) {
            // each event goes to the manifest
        }
    }

    /** Events read from the source so far. */
    long read() {
        return line;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean trusted() {
        return true;
    }
}
