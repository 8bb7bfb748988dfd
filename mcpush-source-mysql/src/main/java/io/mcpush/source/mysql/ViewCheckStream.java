package io.mcpush.source.mysql;

import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;

/**
 * Passes assets through and warns about views MySQL describes only in part: an empty
 * {@code VIEW_DEFINITION} (the user lacks SHOW VIEW and is not the definer) and, when columns are
 * collected, a view without columns (it references a table that is gone or that the view's
 * definer can no longer read). Not thread-safe.
 */
final class ViewCheckStream implements EventStream<RelationalAsset> {
    private final EventStream<RelationalAsset> assets;
    private final CollectionReport report;
    private final boolean withColumns;

    ViewCheckStream(EventStream<RelationalAsset> assets, CollectionReport report, boolean withColumns) {
        this.assets = assets;
        this.report = report;
        this.withColumns = withColumns;
    }

    @Override
    public RelationalAsset next() {
        RelationalAsset a = assets.next();
        if (a != null && RelationalAsset.VIEW.equals(a.type())) {
            var m = a.metadata();
            String name = m.database() + "." + m.schema() + "." + m.name();
            if (m.viewQuery() == null || m.viewQuery().isBlank()) {
                report.warn("view " + name + ": its definition is not readable (the user needs SHOW VIEW on it); "
                        + "sent without view_query and without lineage");
            }
            if (withColumns && a.fields().isEmpty()) {
                report.warn("view " + name + ": no columns could be read (it references a table that is gone or "
                        + "that its definer cannot read)");
            }
        }
        return a;
    }

    @Override
    public void close() {
        assets.close();
    }
}
