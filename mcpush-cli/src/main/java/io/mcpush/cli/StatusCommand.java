package io.mcpush.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.pipeline.PushHistory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mcpush status}: per resource and flow, the pushes made and whether Monte Carlo's
 * detectors can work with them, from the push history in the state directory.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show, per Monte Carlo resource and flow, the pushes made (from the push history in the state "
                + "directory) and the readiness of Monte Carlo's detectors:",
                "  freshness needs 7 metadata pushes over about 2 weeks; volume needs 10 samples over about 6 weeks;",
                "  column lineage expires 10 days after it was pushed (warned from 8 days on);",
                "  metadata pushed more often than hourly makes the hourly detectors unpredictable."},
        footer = {"", "A push counts once per collection: pushing the same manifest again is no new sample.",
                "Example:", "  mcpush status --state-dir /var/lib/mcpush/state --json"})
final class StatusCommand implements Callable<Integer> {
    static final int FRESHNESS_PUSHES = 7;
    static final Duration FRESHNESS_SPAN = Duration.ofDays(14);
    static final int VOLUME_SAMPLES = 10;
    static final Duration VOLUME_SPAN = Duration.ofDays(42);
    static final Duration COLUMN_LINEAGE_EXPIRY = Duration.ofDays(10);
    static final Duration COLUMN_LINEAGE_WARNING = Duration.ofDays(8);
    /** Freshness needs 7 pushes in 14 days: a gap over 2 days already loses the pace. */
    static final Duration TOO_RARE = Duration.ofDays(2);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand
    McpushCommand parent;

    @Mixin
    StateDirMixin state;

    @Option(names = "--json", description = "Print a JSON list of objects instead of text.")
    boolean json;

    @Override
    public Integer call() {
        PushHistory history = PushRunner.history(state.resolve());
        Instant now = Instant.now();
        List<Map<String, Object>> report = new ArrayList<>();
        for (PushHistory.Key key : history.keys()) {
            report.add(status(key, history.read(key.resourceUuid(), key.flow()), now));
        }
        PrintWriter out = parent.out();
        if (json) {
            try {
                out.println(JSON.writeValueAsString(report));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (report.isEmpty()) {
            out.println("no pushes recorded in " + history.dir() + " (the state directory's push history: --state-dir)");
            out.flush();
            return ExitCodes.OK;
        }
        for (Map<String, Object> r : report) {
            out.printf("%s %s: %s, last %s%s%n", r.get("resource_uuid"), r.get("flow"),
                    ((Long) r.get("pushes")) + ((Long) r.get("pushes") == 1 ? " push" : " pushes"), r.get("last_push_at"),
                    r.get("typical_interval") == null ? "" : ", typically every " + r.get("typical_interval"));
            @SuppressWarnings("unchecked")
            Map<String, Object> readiness = (Map<String, Object>) r.get("readiness");
            readiness.forEach((k, v) -> out.printf("  %s: %s%n", k, ((Map<?, ?>) v).get("summary")));
            @SuppressWarnings("unchecked")
            List<String> warnings = (List<String>) r.get("warnings");
            warnings.forEach(w -> out.println("  warning: " + w));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The status of one resource and flow. */
    static Map<String, Object> status(PushHistory.Key key, List<PushHistory.Entry> entries, Instant now) {
        TreeSet<Instant> samples = new TreeSet<>();
        Instant lastPush = null;
        Instant lastColumnLineage = null;
        long deadLetters = 0;
        for (PushHistory.Entry e : entries) {
            samples.add(e.sampleTime());
            lastPush = lastPush == null || e.pushedAt().isAfter(lastPush) ? e.pushedAt() : lastPush;
            if (e.columnLineageEvents() > 0 && (lastColumnLineage == null || e.pushedAt().isAfter(lastColumnLineage))) {
                lastColumnLineage = e.pushedAt();
            }
            deadLetters += e.deadLetters();
        }
        Duration typical = typicalInterval(samples);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resource_uuid", key.resourceUuid());
        m.put("flow", key.flow().manifestName());
        m.put("pushes", (long) samples.size());
        m.put("last_push_at", lastPush == null ? null : Timestamps.toWire(lastPush));
        m.put("typical_interval", typical == null ? null : human(typical));
        m.put("typical_interval_seconds", typical == null ? null : typical.toSeconds());
        m.put("dead_letters", deadLetters);
        Map<String, Object> readiness = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (key.flow() == Flow.METADATA) {
            long fresh = samples.tailSet(now.minus(FRESHNESS_SPAN)).size();
            long volume = samples.tailSet(now.minus(VOLUME_SPAN)).size();
            readiness.put("freshness", readiness(fresh, FRESHNESS_PUSHES, "pushes over the last 14 days"));
            readiness.put("volume", readiness(volume, VOLUME_SAMPLES, "samples over the last 42 days"));
            if (typical != null && typical.compareTo(PushRunner.METADATA_CADENCE) < 0) {
                warnings.add("metadata is pushed every " + human(typical) + ": more often than hourly makes Monte "
                        + "Carlo's hourly detectors unpredictable; push at most once an hour");
            }
            if (lastPush != null && Duration.between(lastPush, now).compareTo(TOO_RARE) > 0) {
                warnings.add("no metadata pushed for " + human(Duration.between(lastPush, now)) + ": freshness "
                        + "detectors need 7 pushes over about 2 weeks; schedule it hourly or daily");
            } else if (typical != null && typical.compareTo(TOO_RARE) > 0) {
                warnings.add("metadata is pushed every " + human(typical) + ": too rare for freshness detectors "
                        + "(7 pushes over about 2 weeks)");
            }
        }
        if (key.flow() == Flow.LINEAGE) {
            Map<String, Object> column = new LinkedHashMap<>();
            if (lastColumnLineage == null) {
                column.put("ready", false);
                column.put("summary", "no column lineage pushed");
            } else {
                Duration age = Duration.between(lastColumnLineage, now);
                boolean expiring = age.compareTo(COLUMN_LINEAGE_WARNING) >= 0;
                column.put("ready", age.compareTo(COLUMN_LINEAGE_EXPIRY) < 0);
                column.put("age_seconds", age.toSeconds());
                column.put("summary", "last pushed " + human(age) + " ago; it expires after 10 days"
                        + (age.compareTo(COLUMN_LINEAGE_EXPIRY) >= 0 ? " (expired)" : expiring ? " (soon)" : ""));
                if (expiring) {
                    warnings.add("column lineage was last pushed " + human(age) + " ago and expires after 10 days: "
                            + "push lineage again (table lineage does not expire)");
                }
            }
            readiness.put("column_lineage", column);
        }
        if (deadLetters > 0) {
            warnings.add(deadLetters + " events went to dead letters in these pushes: replay them with mcpush push "
                    + "--manifest <result>.dead-letters.jsonl");
        }
        m.put("readiness", readiness);
        m.put("warnings", warnings);
        return m;
    }

    private static Map<String, Object> readiness(long have, int need, String what) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ready", have >= need);
        m.put("have", have);
        m.put("need", need);
        m.put("summary", have + " of " + need + " " + what + (have >= need ? " (ready)" : " (not ready yet)"));
        return m;
    }

    /** The median gap between consecutive samples, or null with fewer than two. */
    static Duration typicalInterval(TreeSet<Instant> samples) {
        if (samples.size() < 2) {
            return null;
        }
        List<Duration> gaps = new ArrayList<>();
        Instant previous = null;
        for (Instant t : samples) {
            if (previous != null) {
                gaps.add(Duration.between(previous, t));
            }
            previous = t;
        }
        gaps.sort(null);
        return gaps.get(gaps.size() / 2);
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return s / 60 + " min";
        }
        if (s < 2 * 86400) {
            return s / 3600 + " h";
        }
        return s / 86400 + " days";
    }
}
