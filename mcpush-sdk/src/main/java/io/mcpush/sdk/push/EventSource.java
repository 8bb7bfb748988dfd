package io.mcpush.sdk.push;

import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.model.WireEvent;
import java.nio.file.Path;
import java.util.List;

/**
 * Events that can be read more than once (the pusher validates everything before it sends
 * anything, then reads again to send). Each {@link #open()} starts from the beginning.
 */
public interface EventSource {
    /** A fresh pass over the events; close it when done. */
    Stream open();

    /** For messages: the file name, or a description. */
    String name();

    /**
     * True when every event was built in this process through the wire records (a collector),
     * so it is valid by construction: the pusher then skips its validation pass and reads the
     * source once, streaming straight from the warehouse. An event too large for a request of its
     * own then fails the push when it is reached instead of before the first request.
     */
    default boolean trusted() {
        return false;
    }

    /** One pass. {@link #next()} returns null at the end. Not thread-safe. */
    interface Stream extends AutoCloseable {
        ManifestEvent next();

        /**
         * True when the text of the last event read is exactly {@code bytes[0, length)}; sources
         * that are not text answer false.
         */
        default boolean lastTextEquals(byte[] bytes, int length) {
            return false;
        }

        /**
         * The next event's text as it is, without parsing (only for a source that was read with
         * {@link #next()} before and found canonical); null at the end.
         */
        default byte[] nextText() {
            throw new UnsupportedOperationException("this source has no text");
        }

        /** Line number of the text returned last by {@link #nextText()}. */
        default long textLine() {
            throw new UnsupportedOperationException("this source has no text");
        }

        @Override
        void close();
    }

    /** The events of a manifest file; line numbers are the file's. */
    static EventSource manifest(Path file, boolean allowAnyLogType) {
        return new EventSource() {
            @Override
            public Stream open() {
                ManifestReader reader = ManifestReader.open(file, allowAnyLogType);
                return new Stream() {
                    @Override
                    public ManifestEvent next() {
                        return reader.next();
                    }

                    @Override
                    public boolean lastTextEquals(byte[] bytes, int length) {
                        return reader.lastLineEquals(bytes, length);
                    }

                    @Override
                    public byte[] nextText() {
                        return reader.nextRawLine();
                    }

                    @Override
                    public long textLine() {
                        return reader.line();
                    }

                    @Override
                    public void close() {
                        reader.close();
                    }
                };
            }

            @Override
            public String name() {
                return file.toString();
            }
        };
    }

    /**
     * {@code source} with every event changed by {@code change} (same lines). The changed events
     * are not the source's text, so the pusher serialises them instead of sending lines as they are.
     */
    static EventSource mapped(EventSource source, java.util.function.UnaryOperator<WireEvent> change) {
        return new EventSource() {
            @Override
            public Stream open() {
                Stream inner = source.open();
                return new Stream() {
                    @Override
                    public ManifestEvent next() {
                        ManifestEvent e = inner.next();
                        return e == null ? null : new ManifestEvent(e.line(), change.apply(e.event()));
                    }

                    @Override
                    public void close() {
                        inner.close();
                    }
                };
            }

            @Override
            public String name() {
                return source.name();
            }

            @Override
            public boolean trusted() {
                return source.trusted();
            }
        };
    }

    /** In-memory events; "line" numbers count from 1. */
    static EventSource of(List<? extends WireEvent> events) {
        List<? extends WireEvent> copy = List.copyOf(events);
        return new EventSource() {
            @Override
            public Stream open() {
                return new Stream() {
                    private int i;

                    @Override
                    public ManifestEvent next() {
                        return i < copy.size() ? new ManifestEvent(i + 1, copy.get(i++)) : null;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public String name() {
                return "events";
            }
        };
    }
}
