package io.mcpush.sdk.http;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.push.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry loop of the SDK: runs attempts until one succeeds or the {@link RetryPolicy} says
 * stop, sleeping its delays in between and telling a {@link Listener} about each retry. Whether an
 * attempt succeeded, and what its failure was, is the caller's call ({@link Step}); whether to try
 * again is the policy's. Remembers whether any failed attempt may have reached the server
 * ({@link RetryPolicy.Transport#maybeSent()}), so that a later success can be flagged as a possible
 * duplicate. Immutable and thread-safe.
 */
public final class RetryExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RetryExecutor.class);
    private final RetryPolicy policy;
    private final Listener listener;

    public RetryExecutor(RetryPolicy policy, Listener listener) {
        this.policy = requireNonNull(policy, "policy is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Told before each retry; called from the thread that runs the attempts. */
    public interface Listener {
        Listener NONE = (operation, failure, attempt, delay, timeLeft) -> {
        };

        /**
         * @param operation what is retried, e.g. "METADATA request to https://…"
         * @param failure   why, e.g. "HTTP 503" or "cannot connect to host:443"
         * @param attempt   the attempts made so far
         * @param delay     the wait before the next attempt
         * @param timeLeft  what remains of the retry deadline after that wait
         */
        void retrying(String operation, String failure, int attempt, Duration delay, Duration timeLeft);
    }

    /** How one attempt ended: a value, or a failure with an excerpt of the answer for messages. */
    public sealed interface Step<T> permits Success, Failure {
    }

    public record Success<T>(T value) implements Step<T> {
    }

    public record Failure<T>(RetryPolicy.Failure failure, String excerpt, Throwable cause) implements Step<T> {
        public Failure {
            requireNonNull(failure, "failure is null");
            excerpt = excerpt == null ? "" : excerpt;
        }
    }

    /** The end of the loop. */
    public sealed interface Outcome<T> permits Done, GaveUp {
        int attempts();

        /** True when an earlier attempt may have reached the server although its answer was lost. */
        boolean possibleDuplicate();
    }

    public record Done<T>(T value, int attempts, boolean possibleDuplicate) implements Outcome<T> {
    }

    /** The last failure, and the policy's reason for not trying again. */
    public record GaveUp<T>(RetryPolicy.Failure failure, String excerpt, Throwable cause, int attempts,
            boolean possibleDuplicate, String reason, boolean interrupted) implements Outcome<T> {
    }

    /** How a failure reads in messages: {@code HTTP 503} or the transport's own words. */
    public static String describe(RetryPolicy.Failure failure) {
        return failure instanceof RetryPolicy.Status s ? "HTTP " + s.code() : ((RetryPolicy.Transport) failure).what();
    }

    /** Runs {@code attempt} until it succeeds or the policy gives up. Never throws for a failed attempt. */
    public <T> Outcome<T> execute(String operation, Supplier<Step<T>> attempt) {
        long started = System.nanoTime();
        int attempts = 0;
        boolean maybeSent = false;
        while (true) {
            attempts++;
            Step<T> step = attempt.get();
            if (step instanceof Success<T> s) {
                return new Done<>(s.value(), attempts, maybeSent);
            }
            Failure<T> f = (Failure<T>) step;
            if (f.failure() instanceof RetryPolicy.Transport t && t.maybeSent()) {
                maybeSent = true;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            RetryPolicy.Decision decision = policy.decide(attempts, f.failure(), elapsed,
                    ThreadLocalRandom.current().nextDouble());
            if (!decision.retry()) {
                return new GaveUp<>(f.failure(), f.excerpt(), f.cause(), attempts, maybeSent, decision.reason(), false);
            }
            LOG.debug("{} failed ({}); retry {} in {} ms", operation, describe(f.failure()), attempts,
                    decision.delay().toMillis());
            listener.retrying(operation, describe(f.failure()), attempts, decision.delay(),
                    policy.deadline().minus(elapsed).minus(decision.delay()));
            try {
                Thread.sleep(decision.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new GaveUp<>(f.failure(), f.excerpt(), e, attempts, maybeSent, "interrupted", true);
            }
        }
    }
}
