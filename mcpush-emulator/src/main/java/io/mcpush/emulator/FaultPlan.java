package io.mcpush.emulator;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Failures the emulated gateway injects, as an ordered list of {@link Rule}s. For every POST to
 * an ingest endpoint the rules are checked in order and the first that selects the request
 * fires; at most one rule fires per request.
 *
 * <p>{@code 429}, {@code 500}, {@code 503}, {@code reset} and {@code slow} are checked when the
 * request arrives, before authentication and validation. {@code lost} rules are checked only for
 * requests that were validated and stored (and that no earlier-phase rule selected): the
 * request is kept, but the connection is dropped without an answer.
 *
 * <p>Immutable and thread-safe: the counters and random generators that selection needs live
 * in each {@link Emulator}, so one plan can serve several emulators, each starting afresh.
 * Nothing here accepts or returns null.
 */
public final class FaultPlan {
    private static final FaultPlan NONE = new FaultPlan(List.of());
    static final long DEFAULT_SEED = 42;

    /** What a rule does to a request. */
    public enum Kind {
        /** Answer 429 with a {@code Retry-After} header. */
        TOO_MANY_REQUESTS("429"),
        /** Answer 500. */
        INTERNAL_SERVER_ERROR("500"),
        /** Answer 503, with {@code Retry-After} when one is configured. */
        SERVICE_UNAVAILABLE("503"),
        /** Read the body, then close the connection without answering or storing. */
        RESET("reset"),
        /** Wait, then handle the request normally. */
        SLOW("slow"),
        /** Validate and store the request, then close the connection without answering. */
        LOST("lost"),
        /**
         * Answer {@code 200 {"message": "accepted"}} without an invocation id and store nothing:
         * what a gateway that did not take the batch may look like (push-api spec, section 10).
         */
        NO_INVOCATION_ID("no-id"),
        /** Answer 400 to a request whose body holds the {@code match=} text (one bad event). */
        BAD_REQUEST("400");

        private final String specName;

        Kind(String specName) {
            this.specName = specName;
        }

        /** The spelling in a spec string: {@code 429}, {@code reset}, ... */
        public String specName() {
            return specName;
        }

        /** The HTTP status this kind answers with, or 0 when it does not answer with one. */
        public int status() {
            return switch (this) {
                case TOO_MANY_REQUESTS -> 429;
                case INTERNAL_SERVER_ERROR -> 500;
                case SERVICE_UNAVAILABLE -> 503;
                default -> 0;
            };
        }
    }

    /** Which requests reaching a rule it selects. */
    public enum Selection {
        /** Every request (no selector given). */
        ALWAYS,
        /** The first {@code number} requests that reach the rule. */
        COUNT,
        /** Only the request whose 1-based arrival number, counting every ingest POST, is {@code number}. */
        NTH,
        /** Each request with probability {@code rate}, drawn from {@code new Random(seed)}. */
        RATE
    }

    /**
     * One rule.
     *
     * @param kind what happens
     * @param selection which requests it selects
     * @param number N for {@link Selection#COUNT}, K for {@link Selection#NTH}, else 0
     * @param rate probability for {@link Selection#RATE}, else 0
     * @param seed seed of the random generator for {@link Selection#RATE}
     * @param retryAfterSeconds {@code Retry-After} value, -1 for no header (always set for 429)
     * @param delayMillis how long {@link Kind#SLOW} waits, else 0
     */
    public record Rule(Kind kind, Selection selection, long number, double rate, long seed,
            int retryAfterSeconds, long delayMillis, String match) {
        public Rule(Kind kind, Selection selection, long number, double rate, long seed, int retryAfterSeconds,
                long delayMillis) {
            this(kind, selection, number, rate, seed, retryAfterSeconds, delayMillis, null);
        }

        public Rule {
            if (kind == Kind.BAD_REQUEST && (match == null || match.isEmpty())) {
                throw new IllegalArgumentException("a 400 rule needs match=TEXT");
            }
            requireNonNull(kind, "kind is null");
            requireNonNull(selection, "selection is null");
            if ((selection == Selection.COUNT || selection == Selection.NTH) && number < 1) {
                throw new IllegalArgumentException(selection + " needs a positive number, got " + number);
            }
            if (selection == Selection.RATE && !(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("rate must be between 0 and 1, got " + rate);
            }
            if (kind == Kind.TOO_MANY_REQUESTS && retryAfterSeconds < 0) {
                throw new IllegalArgumentException("a 429 rule needs retryAfterSeconds >= 0");
            }
            if (delayMillis < 0) {
                throw new IllegalArgumentException("delayMillis must not be negative, got " + delayMillis);
            }
        }

        /** The rule in spec syntax, e.g. {@code 429:count=3:retry-after=1}. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(kind.specName());
            if (kind == Kind.SLOW) {
                sb.append(":ms=").append(delayMillis);
            }
            if (match != null) {
                sb.append(":match=").append(match);
            }
            switch (selection) {
                case COUNT -> sb.append(":count=").append(number);
                case NTH -> sb.append(":nth=").append(number);
                case RATE -> sb.append(":rate=").append(rate).append(":seed=").append(seed);
                default -> { }
            }
            if (retryAfterSeconds >= 0) {
                sb.append(":retry-after=").append(retryAfterSeconds);
            }
            return sb.toString();
        }
    }

    private final List<Rule> rules;

    private FaultPlan(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** No faults. */
    public static FaultPlan none() {
        return NONE;
    }

    public static FaultPlan of(List<Rule> rules) {
        return new FaultPlan(requireNonNull(rules, "rules is null"));
    }

    /** The rules in the order they are checked. */
    public List<Rule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Parses {@code --fault} values, one rule each: {@code KIND[:key=value]...} where KIND is
     * {@code 429}, {@code 500}, {@code 503}, {@code reset}, {@code slow}, {@code lost}, {@code no-id}
     * or {@code 400} (with {@code match=TEXT}: only requests whose body holds TEXT); the
     * selector is one of {@code count=N}, {@code nth=K}, {@code rate=P} (with optional
     * {@code seed=S}, default 42) or none (every request); {@code retry-after=SECONDS} goes
     * with 429 (default 1), 500 and 503; {@code ms=MILLIS} is required by {@code slow}.
     * Examples: {@code 429:count=3:retry-after=1}, {@code 503:rate=0.1}, {@code reset:nth=2},
     * {@code slow:ms=2000:count=1}, {@code lost:nth=5}.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad part
     */
    public static FaultPlan parse(List<String> specs) {
        requireNonNull(specs, "specs is null");
        List<Rule> rules = new ArrayList<>(specs.size());
        for (String spec : specs) {
            rules.add(parseRule(requireNonNull(spec, "spec is null")));
        }
        return new FaultPlan(rules);
    }

    private static Rule parseRule(String spec) {
        String[] parts = spec.trim().split(":", -1);
        String kindText = parts[0].trim().toLowerCase(Locale.ROOT);
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.specName().equals(kindText)) {
                kind = k;
            }
        }
        if (kind == null) {
            throw bad(spec, "unknown kind '" + parts[0] + "' (kinds: 429, 500, 503, reset, slow, lost, no-id, 400)");
        }
        Set<String> allowed = new HashSet<>(List.of("count", "nth", "rate", "seed"));
        if (kind.status() != 0) {
            allowed.add("retry-after");
        }
        if (kind == Kind.BAD_REQUEST) {
            allowed.add("match");
        }
        if (kind == Kind.SLOW) {
            allowed.add("ms");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw bad(spec, "'" + part + "' is not key=value");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            if (!allowed.contains(key)) {
                throw bad(spec, "unknown key '" + key + "' for " + kind.specName() + " (keys: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (values.put(key, value) != null) {
                throw bad(spec, "'" + key + "' is given twice");
            }
        }
        List<String> selectors = values.keySet().stream()
                .filter(k -> k.equals("count") || k.equals("nth") || k.equals("rate")).toList();
        if (selectors.size() > 1) {
            throw bad(spec, "give at most one of count=, nth=, rate= (got " + String.join(", ", selectors) + ")");
        }
        if (values.containsKey("seed") && !values.containsKey("rate")) {
            throw bad(spec, "seed= only goes with rate=");
        }
        Selection selection = Selection.ALWAYS;
        long number = 0;
        double rate = 0;
        long seed = DEFAULT_SEED;
        if (values.containsKey("count")) {
            selection = Selection.COUNT;
            number = positiveLong(spec, "count", values.get("count"));
        } else if (values.containsKey("nth")) {
            selection = Selection.NTH;
            number = positiveLong(spec, "nth", values.get("nth"));
        } else if (values.containsKey("rate")) {
            selection = Selection.RATE;
            String text = values.get("rate");
            try {
                rate = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                rate = Double.NaN;
            }
            if (!(rate >= 0 && rate <= 1)) {
                throw bad(spec, "rate must be a number from 0 to 1, got '" + text + "'");
            }
            if (values.containsKey("seed")) {
                try {
                    seed = Long.parseLong(values.get("seed"));
                } catch (NumberFormatException e) {
                    throw bad(spec, "seed must be an integer, got '" + values.get("seed") + "'");
                }
            }
        }
        int retryAfter = kind == Kind.TOO_MANY_REQUESTS ? 1 : -1;
        if (values.containsKey("retry-after")) {
            long v = nonNegativeLong(spec, "retry-after", values.get("retry-after"));
            if (v > Integer.MAX_VALUE) {
                throw bad(spec, "retry-after is too large: " + v);
            }
            retryAfter = (int) v;
        }
        long delay = 0;
        if (kind == Kind.SLOW) {
            if (!values.containsKey("ms")) {
                throw bad(spec, "slow needs ms=MILLISECONDS");
            }
            delay = nonNegativeLong(spec, "ms", values.get("ms"));
        }
        String match = values.get("match");
        if (kind == Kind.BAD_REQUEST && (match == null || match.isEmpty())) {
            throw bad(spec, "400 needs match=TEXT (the requests whose body holds TEXT are refused)");
        }
        return new Rule(kind, selection, number, rate, seed, retryAfter, delay, match);
    }

    private static long positiveLong(String spec, String key, String text) {
        long v = parseLong(spec, key, text, "a positive integer");
        if (v < 1) {
            throw bad(spec, key + " must be a positive integer, got '" + text + "'");
        }
        return v;
    }

    private static long nonNegativeLong(String spec, String key, String text) {
        long v = parseLong(spec, key, text, "a non-negative integer");
        if (v < 0) {
            throw bad(spec, key + " must be a non-negative integer, got '" + text + "'");
        }
        return v;
    }

    private static long parseLong(String spec, String key, String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad(spec, key + " must be " + what + ", got '" + text + "'");
        }
    }

    private static IllegalArgumentException bad(String spec, String problem) {
        return new IllegalArgumentException("bad fault '" + spec + "': " + problem);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaultPlan other && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return rules.isEmpty() ? "no faults" : rules.toString();
    }
}
