package io.mcpush.sdk.push;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * When to retry a request, as one pure function ({@link #decide}): 408, 429 and 5xx except 501
 * and 505 are retried, and so are connection failures and timeouts; every other status, and TLS
 * handshake or certificate failures, fail at once. Delays grow exponentially from {@code initialBackoff} up to {@code maxBackoff} with
 * "equal jitter" (half fixed, half random); a {@code Retry-After} from the server replaces the
 * computed delay, capped at {@code retryAfterCap}. No retry starts that would end after
 * {@code deadline} (counted from the first attempt) or exceed {@code maxAttempts}.
 * Immutable and thread-safe.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration retryAfterCap, Duration deadline,
        int maxAttempts) {
    public RetryPolicy {
        requireNonNull(initialBackoff, "initialBackoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        requireNonNull(retryAfterCap, "retryAfterCap is null");
        requireNonNull(deadline, "deadline is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** 0.25 s doubling to 10 s (the pycarlo SDK's backoff), Retry-After capped at 60 s, 10 minutes, 12 attempts. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofMinutes(10), 12);
    }

    public RetryPolicy withDeadline(Duration newDeadline) {
        return new RetryPolicy(initialBackoff, maxBackoff, retryAfterCap, newDeadline, maxAttempts);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(initialBackoff, maxBackoff, retryAfterCap, deadline, attempts);
    }

    /** What went wrong with one attempt. */
    public sealed interface Failure permits Status, Transport {
    }

    /** The server answered with a non-success status; {@code retryAfter} may be null. */
    public record Status(int code, Duration retryAfter) implements Failure {
    }

    /**
     * No answer. {@code maybeSent}: the request may have reached the server (a read timeout, or a
     * reset after the whole body went out), so a retry may store it twice. {@code retryable}: false
     * for failures that another attempt cannot cure (TLS handshake and certificate errors).
     */
    public record Transport(String what, boolean maybeSent, boolean retryable) implements Failure {
        public Transport {
            requireNonNull(what, "what is null");
        }

        /** Nothing reached the server (DNS, connection refused, connect timeout); worth a retry. */
        public static Transport notSent(String what) {
            return new Transport(what, false, true);
        }

        /** Nothing reached the server, and retrying cannot help (TLS, certificates). */
        public static Transport fatal(String what) {
            return new Transport(what, false, false);
        }

        /** The request may have been taken although its answer was lost; worth a retry. */
        public static Transport maybeSent(String what) {
            return new Transport(what, true, true);
        }
    }

    /** Retry after {@code delay}, or give up ({@code delay} null) for {@code reason}. */
    public record Decision(Duration delay, String reason) {
        public boolean retry() {
            return delay != null;
        }
    }

    public static boolean isRetryableStatus(int code) {
        return code == 408 || code == 429 || (code >= 500 && code <= 599 && code != 501 && code != 505);
    }

    /**
     * @param attempts attempts made so far (1 after the first failure)
     * @param elapsed  time since the first attempt started
     * @param jitter   a random number in [0, 1)
     */
    public Decision decide(int attempts, Failure failure, Duration elapsed, double jitter) {
        if (failure instanceof Status s && !isRetryableStatus(s.code())) {
            return new Decision(null, "HTTP " + s.code() + " is not retryable");
        }
        if (failure instanceof Transport t && !t.retryable()) {
            return new Decision(null, t.what() + " is not retryable");
        }
        if (attempts >= maxAttempts) {
            return new Decision(null, "gave up after " + attempts + " attempts");
        }
        Duration delay;
        if (failure instanceof Status s && s.retryAfter() != null) {
            delay = s.retryAfter().isNegative() ? Duration.ZERO : min(s.retryAfter(), retryAfterCap);
        } else {
            long base = initialBackoff.toMillis() << Math.min(attempts - 1, 30);
            long capped = Math.min(Math.max(base, 0), maxBackoff.toMillis());
            delay = Duration.ofMillis(capped / 2 + (long) (jitter * (capped - capped / 2)));
        }
        if (elapsed.plus(delay).compareTo(deadline) > 0) {
            return new Decision(null, "the retry deadline of " + deadline.toSeconds() + " s has passed");
        }
        return new Decision(delay, "retrying");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Parses a Retry-After value (delta seconds or an HTTP date); null when absent or unreadable. */
    public static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
