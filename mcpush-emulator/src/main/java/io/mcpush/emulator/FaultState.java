package io.mcpush.emulator;

import io.mcpush.emulator.FaultPlan.Kind;
import io.mcpush.emulator.FaultPlan.Rule;
import java.util.List;
import java.util.Random;

/**
 * The counters and random generators of one emulator's {@link FaultPlan}. Thread-safe: arrival
 * numbering and rule selection happen under one lock, so {@code nth} and {@code count} follow
 * arrival order exactly.
 */
final class FaultState {
    /** The arrival number of a request and the arrival-phase rule that selected it, if any. */
    record Arrival(long sequence, Rule rule) {
    }

    private final List<Rule> rules;
    private final long[] reached;
    private final Random[] randoms;
    private long sequence;

    FaultState(FaultPlan plan) {
        this.rules = plan.rules();
        this.reached = new long[rules.size()];
        this.randoms = new Random[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            randoms[i] = new Random(rules.get(i).seed());
        }
    }

    /** Numbers an arriving ingest POST and picks the first arrival-phase rule selecting it. */
    synchronized Arrival arrive() {
        long seq = ++sequence;
        for (int i = 0; i < rules.size(); i++) {
            Kind kind = rules.get(i).kind();
            if (kind != Kind.LOST && kind != Kind.BAD_REQUEST && selects(i, seq)) {
                return new Arrival(seq, rules.get(i));
            }
        }
        return new Arrival(seq, null);
    }

    /** Whether a {@code lost} rule selects a stored request that arrived as number {@code seq}. */
    synchronized boolean loseAfterStore(long seq) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).kind() == Kind.LOST && selects(i, seq)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code 400:match=} rule that refuses a request with this body, or null. */
    synchronized Rule refuse(long seq, String body) {
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.kind() == Kind.BAD_REQUEST && body.contains(rule.match()) && selects(i, seq)) {
                return rule;
            }
        }
        return null;
    }

    private boolean selects(int i, long seq) {
        Rule rule = rules.get(i);
        reached[i]++;
        return switch (rule.selection()) {
            case ALWAYS -> true;
            case COUNT -> reached[i] <= rule.number();
            case NTH -> seq == rule.number();
            case RATE -> randoms[i].nextDouble() < rule.rate();
        };
    }
}
