package io.mcpush.sdk.push;

/**
 * Where a push puts the events it can never send: too big for a request even alone, or refused
 * by the gateway (HTTP 400 or 413) when sent alone. Called from the pusher's threads;
 * implementations must be thread-safe. {@link DeadLetterFile} writes them as a manifest.
 */
public interface DeadLetterSink {
    /**
     * @param line   the event's line in the manifest (or its position in the stream, from 1)
     * @param event  the event in its manifest-line form (a metadata event without the
     *               {@code relational_asset} wrapper), UTF-8 JSON without a newline
     * @param reason why it cannot be sent, for messages
     */
    void add(long line, byte[] event, String reason);
}
