package io.mcpush.sdk.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.push.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryExecutorTest {
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(2), Duration.ofSeconds(30), 5);

    /** Plays the given steps in order. */
    private static <T> java.util.function.Supplier<RetryExecutor.Step<T>> steps(List<RetryExecutor.Step<T>> steps) {
        Iterator<RetryExecutor.Step<T>> it = steps.iterator();
        return it::next;
    }

    @Test
    void aSuccessAfterFailuresThatNeverReachedTheServerIsNoPossibleDuplicate() {
        List<String> told = new ArrayList<>();
        RetryExecutor executor = new RetryExecutor(FAST, (op, failure, attempt, delay, left) -> told.add(failure));

        RetryExecutor.Outcome<String> outcome = executor.execute("op", steps(List.of(
                new RetryExecutor.Failure<>(RetryPolicy.Transport.notSent("refused"), "", null),
                new RetryExecutor.Failure<>(new RetryPolicy.Status(503, null), "busy", null),
                new RetryExecutor.Success<>("ok"))));

        assertThat(outcome).isEqualTo(new RetryExecutor.Done<>("ok", 3, false));
        assertThat(told).containsExactly("refused", "HTTP 503");
    }

    @Test
    void aSuccessAfterAnAttemptThatMayHaveReachedTheServerIsAPossibleDuplicate() {
        RetryExecutor.Outcome<String> outcome = new RetryExecutor(FAST, RetryExecutor.Listener.NONE).execute("op",
                steps(List.of(new RetryExecutor.Failure<>(RetryPolicy.Transport.maybeSent("read timeout"), "", null),
                        new RetryExecutor.Success<>("ok"))));

        assertThat(outcome.possibleDuplicate()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
    }

    @Test
    void aTlsFailureEndsTheLoopAtOnce() {
        RetryExecutor.Outcome<String> outcome = new RetryExecutor(FAST, RetryExecutor.Listener.NONE).execute("op",
                steps(List.of(new RetryExecutor.Failure<>(RetryPolicy.Transport.fatal("TLS handshake failed"), "", null),
                        new RetryExecutor.Success<>("never"))));

        assertThat(outcome).isInstanceOf(RetryExecutor.GaveUp.class);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.possibleDuplicate()).isFalse();
    }

    @Test
    void aRefusedStatusIsNotRetriedAndKeepsTheExcerpt() {
        RetryExecutor.Outcome<String> outcome = new RetryExecutor(FAST, RetryExecutor.Listener.NONE).execute("op",
                steps(List.of(new RetryExecutor.Failure<>(new RetryPolicy.Status(400, null), "bad field", null))));

        RetryExecutor.GaveUp<String> gaveUp = (RetryExecutor.GaveUp<String>) outcome;
        assertThat(gaveUp.excerpt()).isEqualTo("bad field");
        assertThat(gaveUp.reason()).contains("400");
    }
}
