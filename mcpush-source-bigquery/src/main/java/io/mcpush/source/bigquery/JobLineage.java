package io.mcpush.source.bigquery;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.LineageDeriver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lineage from BigQuery jobs: the table edges BigQuery itself recorded ({@code destination_table}
 * ← {@code referenced_tables} of each job that finished without error), exact and fully
 * qualified whatever the SQL looks like, merged per destination with the column edges the
 * lineage engine reads from the same jobs' SQL (and the view definitions). A job reports no
 * default dataset in INFORMATION_SCHEMA.JOBS, so the engine qualifies unqualified names with the
 * job's project and resolves the rest by name against the catalog; the table edges do not depend
 * on it. Memory: the distinct edges. Not thread-safe.
 */
final class JobLineage {
    private final LineageDeriver deriver;
    /** Lower-cased destination key → the destination and its sources, in order first seen. */
    private final Map<String, Edges> edges = new LinkedHashMap<>();
    private final Set<String> views = new HashSet<>();
    private long jobs;
    private long jobEdges;

    private record Edges(TableRef destination, Map<String, TableRef> sources) {
    }

    JobLineage(LineageDeriver deriver) {
        this.deriver = requireNonNull(deriver, "deriver is null");
    }

    /** Remembers which catalog entries are views, so that refs to them say VIEW. */
    void learn(RelationalAsset asset) {
        if (RelationalAsset.VIEW.equals(asset.type())) {
            var m = asset.metadata();
            views.add(key(m.database(), m.schema(), m.name()));
        }
    }

    /** One job that finished without error and wrote a table. */
    void add(JobsQuery.Job job, String project) {
        if (job.failed() || job.destination() == null || job.destination().internal()) {
            return;
        }
        jobs++;
        TableRef dest = job.destination();
        String destKey = key(dest);
        for (TableRef source : job.referenced()) {
            if (source.internal() || key(source).equals(destKey)) {
                continue;
            }
            Edges e = edges.computeIfAbsent(destKey, k -> new Edges(dest, new LinkedHashMap<>()));
            if (e.sources().putIfAbsent(key(source), source) == null) {
                jobEdges++;
            }
        }
        if (job.query() != null && !"SCRIPT".equals(job.statementType())) {
            deriver.addQuery(job.jobId(), job.query(), project, null);
        }
    }

    /** The events: the engine's per destination, completed with the job edges, then job-only destinations. */
    EventStream<LineageEvent> events(CollectionReport report) {
        if (jobs > 0) {
            report.count("jobs analysed", jobs);
            report.count("table edges from job metadata", jobEdges);
        }
        EventStream<LineageEvent> derived = deriver.events();
        Iterator<Edges> rest = null;
        return new EventStream<>() {
            private Iterator<Edges> remaining = rest;

            @Override
            public LineageEvent next() {
                if (remaining == null) {
                    LineageEvent e = derived.next();
                    if (e != null) {
                        return merge(e);
                    }
                    remaining = edges.values().iterator();
                }
                while (remaining.hasNext()) {
                    Edges e = remaining.next();
                    remaining.remove();
                    if (e.sources().isEmpty()) {
                        continue;
                    }
                    List<LineageAssetRef> sources = new ArrayList<>(e.sources().size());
                    for (TableRef s : e.sources().values()) {
                        sources.add(ref(s));
                    }
                    report.count("lineage events");
                    return new LineageEvent(ref(e.destination()), sources, List.of());
                }
                return null;
            }

            @Override
            public void close() {
                derived.close();
            }
        };
    }

    private LineageEvent merge(LineageEvent e) {
        LineageAssetRef d = e.destination();
        Edges job = edges.remove(key(d.database(), d.schema(), d.name()));
        if (job == null) {
            return e;
        }
        List<LineageAssetRef> sources = new ArrayList<>(e.sources());
        Set<String> have = new HashSet<>();
        for (LineageAssetRef s : sources) {
            have.add(key(s.database(), s.schema(), s.name()));
        }
        for (TableRef s : job.sources().values()) {
            if (have.add(key(s))) {
                sources.add(ref(s));
            }
        }
        return new LineageEvent(d, sources, e.fields());
    }

    private LineageAssetRef ref(TableRef t) {
        String type = views.contains(key(t)) ? RelationalAsset.VIEW : RelationalAsset.TABLE;
        return new LineageAssetRef(type, t.table(), t.project(), t.dataset(), null);
    }

    private static String key(TableRef t) {
        return key(t.project(), t.dataset(), t.table());
    }

    /** As {@link LineageDeriver} matches names: ignoring case. */
    private static String key(String database, String schema, String name) {
        return database.toLowerCase(Locale.ROOT) + '\0' + schema.toLowerCase(Locale.ROOT) + '\0'
                + name.toLowerCase(Locale.ROOT);
    }
}
