package io.mcpush.sdk.http;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.push.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * One POST of a JSON body with Monte Carlo's key headers ({@code x-mcd-id}, {@code x-mcd-token}),
 * shared by the gateway and GraphQL clients. HttpURLConnection rather than java.net.http: on
 * 150 KB bodies it spends a fraction of the CPU, and pushing is meant to be bound by compression and
 * the network. The whole answer is read so the connection returns to the JDK's keep-alive cache.
 * Immutable and thread-safe.
 */
public final class KeyedPost {
    private final URI uri;
    private final String keyId;
    private final Secret keyToken;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String userAgent;
    private final boolean streaming;

    /**
     * @param streaming send with a fixed length: the body goes straight to the socket, and the JDK
     *     never silently resends the POST on a broken keep-alive connection (which would hide a
     *     duplicate); the price is that a 401 demanding authentication comes back without its body
     */
    public KeyedPost(URI uri, String keyId, Secret keyToken, Duration connectTimeout, Duration readTimeout,
            String userAgent, boolean streaming) {
        this.uri = requireNonNull(uri, "uri is null");
        this.keyId = requireNonNull(keyId, "keyId is null");
        this.keyToken = requireNonNull(keyToken, "keyToken is null");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
        this.userAgent = requireNonNull(userAgent, "userAgent is null");
        this.streaming = streaming;
    }

    /** What the server answered: its status, body (never null) and Retry-After header (or null). */
    public record Answer(int status, byte[] body, String retryAfter) {
    }

    public URI uri() {
        return uri;
    }

    /** Sends {@code body}; an IOException means no answer (refused, reset, timed out). */
    public Answer send(byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        try {
            c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setDoOutput(true);
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", "application/json");
            c.setRequestProperty("Accept", "application/json");
            c.setRequestProperty("x-mcd-id", keyId);
            c.setRequestProperty("x-mcd-token", keyToken.reveal());
            c.setRequestProperty("x-mcd-trace-id", UUID.randomUUID().toString());
            c.setRequestProperty("User-Agent", userAgent);
            if (streaming) {
                c.setFixedLengthStreamingMode(body.length);
            }
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status;
            try {
                status = c.getResponseCode();
            } catch (HttpRetryException e) {
                // streaming mode cannot answer an authentication challenge: the status is all there is
                return new Answer(e.responseCode(), String.valueOf(e.getReason()).getBytes(StandardCharsets.UTF_8), null);
            }
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            byte[] answer;
            if (in == null) {
                answer = new byte[0];
            } else {
                try (InputStream stream = in) {
                    answer = stream.readAllBytes();
                }
            }
            return new Answer(status, answer, c.getHeaderField("Retry-After"));
        } catch (IOException e) {
            c.disconnect();
            throw e;
        }
    }

    /** The port the URI names or implies, for messages. */
    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
    }
}
