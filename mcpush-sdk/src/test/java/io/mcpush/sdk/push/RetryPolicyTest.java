package io.mcpush.sdk.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofMinutes(10), 12);
    private static final RetryPolicy.Failure UNAVAILABLE = new RetryPolicy.Status(503, null);

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 599})
    void retriesTimeoutThrottlingAndServerErrors(int status) {
        assertThat(RetryPolicy.isRetryableStatus(status)).isTrue();
        assertThat(POLICY.decide(1, new RetryPolicy.Status(status, null), Duration.ZERO, 0.5).retry()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 413, 422, 501, 505})
    void neverRetriesOtherClientErrorsNorNotImplementedOrVersion(int status) {
        assertThat(RetryPolicy.isRetryableStatus(status)).isFalse();
        RetryPolicy.Decision d = POLICY.decide(1, new RetryPolicy.Status(status, Duration.ofSeconds(1)), Duration.ZERO,
                0.5);
        assertThat(d.retry()).isFalse();
        assertThat(d.reason()).contains(String.valueOf(status));
    }

    @Test
    void retriesTransportFailures() {
        assertThat(POLICY.decide(1, RetryPolicy.Transport.maybeSent("reset"), Duration.ZERO, 0.5).retry()).isTrue();
        assertThat(POLICY.decide(1, RetryPolicy.Transport.notSent("refused"), Duration.ZERO, 0.5).retry()).isTrue();
    }

    @Test
    void neverRetriesTlsFailures() {
        RetryPolicy.Decision d = POLICY.decide(1, RetryPolicy.Transport.fatal("TLS handshake failed"), Duration.ZERO,
                0.5);
        assertThat(d.retry()).isFalse();
        assertThat(d.reason()).contains("TLS handshake failed").contains("not retryable");
    }

    @Test
    void backoffGrowsExponentiallyWithEqualJitter() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            long base = 250L << (attempt - 1);
            Duration low = POLICY.decide(attempt, UNAVAILABLE, Duration.ZERO, 0.0).delay();
            Duration high = POLICY.decide(attempt, UNAVAILABLE, Duration.ZERO, 0.999999).delay();
            assertThat(low.toMillis()).as("attempt %d lowest", attempt).isEqualTo(base / 2);
            assertThat(high.toMillis()).as("attempt %d highest", attempt).isBetween(base - 1, base);
            for (double jitter = 0; jitter < 1; jitter += 0.1) {
                assertThat(POLICY.decide(attempt, UNAVAILABLE, Duration.ZERO, jitter).delay().toMillis())
                        .isBetween(base / 2, base);
            }
        }
    }

    @Test
    void backoffIsCappedAtMaxBackoff() {
        for (int attempt = 7; attempt <= 11; attempt++) {
            assertThat(POLICY.decide(attempt, UNAVAILABLE, Duration.ZERO, 0.999999).delay())
                    .isLessThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(POLICY.decide(attempt, UNAVAILABLE, Duration.ZERO, 0.0).delay())
                    .isEqualTo(Duration.ofSeconds(5));
        }
        RetryPolicy many = POLICY.withMaxAttempts(1000);
        assertThat(many.decide(200, UNAVAILABLE, Duration.ZERO, 0.5).delay())
                .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void retryAfterReplacesTheComputedDelayAndIsCapped() {
        assertThat(POLICY.decide(1, new RetryPolicy.Status(429, Duration.ofSeconds(7)), Duration.ZERO, 0.0).delay())
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(POLICY.decide(1, new RetryPolicy.Status(503, Duration.ofHours(2)), Duration.ZERO, 0.0).delay())
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(POLICY.decide(1, new RetryPolicy.Status(429, Duration.ofSeconds(-3)), Duration.ZERO, 0.0).delay())
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void noRetryThatWouldEndAfterTheDeadline() {
        RetryPolicy policy = POLICY.withDeadline(Duration.ofSeconds(2));
        assertThat(policy.decide(1, UNAVAILABLE, Duration.ofMillis(1000), 0.0).retry()).isTrue();
        RetryPolicy.Decision late = policy.decide(1, UNAVAILABLE, Duration.ofMillis(1900), 0.0);
        assertThat(late.retry()).isFalse();
        assertThat(late.reason()).contains("deadline");
        assertThat(policy.decide(1, new RetryPolicy.Status(429, Duration.ofSeconds(3)), Duration.ZERO, 0.0).retry())
                .as("a Retry-After beyond the deadline").isFalse();
    }

    @Test
    void stopsAtMaxAttempts() {
        RetryPolicy three = POLICY.withMaxAttempts(3);
        assertThat(three.decide(2, UNAVAILABLE, Duration.ZERO, 0.5).retry()).isTrue();
        RetryPolicy.Decision last = three.decide(3, UNAVAILABLE, Duration.ZERO, 0.5);
        assertThat(last.retry()).isFalse();
        assertThat(last.reason()).contains("3 attempts");
    }

    @Test
    void parsesRetryAfterSecondsHttpDatesAndIgnoresGarbage() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        assertThat(RetryPolicy.parseRetryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryPolicy.parseRetryAfter(" 5 ", now)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryPolicy.parseRetryAfter("-5", now)).isEqualTo(Duration.ZERO);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(90).atOffset(ZoneOffset.UTC));
        assertThat(RetryPolicy.parseRetryAfter(date, now)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryPolicy.parseRetryAfter("Wed, 25 Nov 2026 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isNull();
        assertThat(RetryPolicy.parseRetryAfter("", now)).isNull();
        assertThat(RetryPolicy.parseRetryAfter(null, now)).isNull();
    }

    @Test
    void defaultsStartAtAQuarterSecondAndCapAtTenSeconds() {
        RetryPolicy d = RetryPolicy.defaults();
        assertThat(d.initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(d.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    }
}
