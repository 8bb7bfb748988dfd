package io.mcpush.sdk.http;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.push.RetryPolicy;
import io.mcpush.sdk.push.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.SSLException;

/**
 * The one HTTP transport of the SDK: a POST of a JSON body with Monte Carlo's key headers
 * ({@code x-mcd-id}, {@code x-mcd-token}), shared by the gateway and GraphQL clients. Each attempt
 * ends in exactly one {@link Attempt}: an answer, or a failure classified once, here, by how far
 * the request got:
 * <ul>
 *   <li>not sent: DNS, connection refused, connect timeout, and TLS handshake or certificate
 *       failures (the connection is opened and the handshake done before a byte of the body is
 *       written). TLS failures are not retryable: another attempt meets the same certificate;</li>
 *   <li>maybe sent: a read timeout, or a reset after the whole body went out. The server may have
 *       taken the request although its answer was lost, so a retry may store it twice.</li>
 * </ul>
 * HttpURLConnection rather than java.net.http: on 150 KB bodies it spends a fraction of the CPU,
 * and pushing is meant to be bound by compression and the network. The whole answer is read so
 * the connection returns to the JDK's keep-alive cache. The key secret only ever goes into its
 * header and is redacted from every text this class produces. Immutable and thread-safe.
 */
public final class HttpTransport {
    private final String keyId;
    private final Secret keyToken;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String userAgent;

    public HttpTransport(String keyId, Secret keyToken, Duration connectTimeout, Duration readTimeout,
            String userAgent) {
        this.keyId = requireNonNull(keyId, "keyId is null");
        this.keyToken = requireNonNull(keyToken, "keyToken is null");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
        this.userAgent = requireNonNull(userAgent, "userAgent is null");
    }

    /** How one attempt ended. */
    public sealed interface Attempt permits Answer, Failed {
    }

    /** What the server answered: its status, body (never null) and Retry-After header (or null). */
    public record Answer(int status, byte[] body, String retryAfter) implements Attempt {
        public boolean success() {
            return status >= 200 && status < 300;
        }
    }

    /** No answer; {@code failure} says how far the request got. */
    public record Failed(RetryPolicy.Transport failure, IOException cause) implements Attempt {
    }

    public Secret keyToken() {
        return keyToken;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * One POST of {@code body} to {@code uri}, no retry.
     *
     * @param streaming send with a fixed length: the body goes straight to the socket, the JDK never
     *     silently resends the POST on a broken keep-alive connection (which would hide a
     *     duplicate), and a failure while the body is still being written is known not to have
     *     delivered it; the price is that a 401 demanding authentication comes back without its
     *     body. Without streaming the JDK buffers the body, so any failure after the connection was
     *     made counts as maybe sent.
     */
    public Attempt post(URI uri, byte[] body, boolean streaming) {
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) uri.toURL().openConnection();
        } catch (IOException | IllegalArgumentException e) {
            return new Failed(RetryPolicy.Transport.fatal("cannot open " + uri + " (" + message(e) + ")"),
                    e instanceof IOException io ? io : new IOException(e));
        }
        c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setDoOutput(true);
        try {
            c.setRequestMethod("POST");
        } catch (java.net.ProtocolException e) {
            throw new IllegalStateException("POST is not supported by this JDK", e);
        }
        c.setRequestProperty("Content-Type", "application/json");
        c.setRequestProperty("Accept", "application/json");
        c.setRequestProperty("x-mcd-id", keyId);
        c.setRequestProperty("x-mcd-token", keyToken.reveal());
        c.setRequestProperty("x-mcd-trace-id", UUID.randomUUID().toString());
        c.setRequestProperty("User-Agent", userAgent);
        if (streaming) {
            c.setFixedLengthStreamingMode(body.length);
        }
        String hostPort = uri.getHost() + ":" + port(uri);
        // phase 1: connection and TLS handshake; nothing of the request has left this process
        try {
            c.connect();
        } catch (SSLException e) {
            c.disconnect();
            return new Failed(RetryPolicy.Transport.fatal("TLS handshake with " + hostPort + " failed ("
                    + message(e) + "); check the endpoint and its certificate"), e);
        } catch (UnknownHostException e) {
            c.disconnect();
            return new Failed(RetryPolicy.Transport.notSent("cannot resolve host " + uri.getHost()), e);
        } catch (SocketTimeoutException e) {
            c.disconnect();
            return new Failed(RetryPolicy.Transport.notSent("no connection to " + hostPort + " within "
                    + connectTimeout.toSeconds() + " s"), e);
        } catch (IOException e) {
            c.disconnect();
            return new Failed(RetryPolicy.Transport.notSent("cannot connect to " + hostPort + " (" + message(e) + ")"),
                    e);
        }
        // phase 2: the body; with streaming, a failure before its last byte was written delivered nothing
        boolean bodySent = !streaming;
        try {
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            bodySent = true;
            int status;
            try {
                status = c.getResponseCode();
            } catch (HttpRetryException e) {
                // streaming mode cannot answer an authentication challenge: the status is all there is
                return new Answer(e.responseCode(), String.valueOf(e.getReason()).getBytes(StandardCharsets.UTF_8),
                        null);
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
            if (!bodySent) {
                return new Failed(RetryPolicy.Transport.notSent("connection to " + hostPort
                        + " failed while sending (" + message(e) + ")"), e);
            }
            if (e instanceof SocketTimeoutException) {
                return new Failed(RetryPolicy.Transport.maybeSent("no answer from " + hostPort + " within "
                        + readTimeout.toSeconds() + " s"), e);
            }
            return new Failed(RetryPolicy.Transport.maybeSent("connection to " + hostPort + " failed after the "
                    + "request was sent (" + message(e) + ")"), e);
        }
    }

    private String message(Exception e) {
        return keyToken.redact(String.valueOf(e.getMessage()));
    }

    /** The port the URI names or implies, for messages. */
    public static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
    }
}
