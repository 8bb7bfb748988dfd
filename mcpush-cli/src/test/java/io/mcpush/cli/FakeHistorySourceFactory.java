package io.mcpush.cli;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.Source;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceIdentity;
import io.mcpush.source.SourceOption;
import io.mcpush.source.SourceOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * A hand-written query-history source for the CLI tests (no warehouse here keeps a history
 * Monte Carlo takes): one query per minute of the window, starting at its first whole minute.
 * Registered through the test class path's {@code META-INF/services}.
 */
public final class FakeHistorySourceFactory implements SourceFactory {
    static final String TYPE = "fake-history";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "test double: one query a minute";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.QUERY_LOGS);
    }

    @Override
    public List<SourceOption> options() {
        return List.of(SourceOption.value("history-name", "NAME", "identity of the fake history"),
                SourceOption.value("native-log-type", "TYPE", "the log type the fake reports as its own"),
                SourceOption.value("warning", "TEXT", "report this warning, as if part of the history could not be read"),
                SourceOption.value("poison", "TEXT", "append this text as a comment to the third query"));
    }

    @Override
    public List<String> grants() {
        return List.of("none");
    }

    @Override
    public String resourceType() {
        return "snowflake";
    }

    @Override
    public Duration defaultLag() {
        return Duration.ZERO;
    }

    /**
     * The first whole minute at or after {@code start}. Windows start at the wall clock minus the
     * lookback, to the microsecond, so rounding up by adding 59 seconds is not enough: a start of
     * 10:00:00.5 would become 10:00, before the window, and the stream would end at once.
     */
    static Instant firstWholeMinute(Instant start) {
        Instant floor = start.truncatedTo(ChronoUnit.MINUTES);
        return floor.equals(start) ? floor : floor.plus(1, ChronoUnit.MINUTES);
    }

    @Override
    public Source create(SourceOptions options) {
        options.checkKnown(options());
        String name = options.get("history-name", "default");
        String logType = options.get("native-log-type", "snowflake");
        String warning = options.get("warning");
        String poison = options.get("poison");
        return new Source() {
            @Override
            public SourceIdentity identity() {
                return new SourceIdentity(TYPE, "fake://" + name);
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.QUERY_LOGS);
            }

            @Override
            public String logType() {
                return logType;
            }

            @Override
            public boolean windowed(Flow flow) {
                return flow == Flow.QUERY_LOGS;
            }

            @Override
            public EventStream<RelationalAsset> metadata(CollectionReport report) {
                throw new UnsupportedOperationException();
            }

            @Override
            public EventStream<QueryLogEntry> queryLogs(QueryLogWindow window, CollectionReport report) {
                if (warning != null) {
                    report.warn(warning);
                }
                return new EventStream<>() {
                    private Instant next = firstWholeMinute(window.start());
                    private int made;

                    @Override
                    public QueryLogEntry next() {
                        if (!window.contains(next)) {
                            return null;
                        }
                        Instant t = next;
                        next = next.plusSeconds(60);
                        report.count("queries");
                        String text = "SELECT " + t.getEpochSecond() + (++made == 3 && poison != null
                                ? " /* " + poison + " */" : "");
                        return new QueryLogEntry(t, t.plusMillis(250), text,
                                "q" + t.getEpochSecond(), "tester", null, null, 1L, null);
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void close() {
            }
        };
    }
}
