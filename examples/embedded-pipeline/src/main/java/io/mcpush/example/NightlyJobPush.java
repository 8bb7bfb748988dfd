package io.mcpush.example;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.AssetFreshness;
import io.mcpush.sdk.model.AssetMetadata;
import io.mcpush.sdk.model.AssetVolume;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.model.WireEvent;
import io.mcpush.sdk.pipeline.PushPipeline;
import io.mcpush.sdk.push.IngestionClient;
import io.mcpush.sdk.push.PushTarget;
import io.mcpush.sdk.push.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A JVM job that has just written {@code analytics.mart.daily_orders} from {@code raw.shop.orders}
 * and tells Monte Carlo about it: the table's schema, volume and freshness, and where its data
 * came from. The README's "Embedding the SDK" section shows this code.
 */
public final class NightlyJobPush {
    private NightlyJobPush() {
    }

    /** Pushes the table and its lineage; returns every invocation id (results go under {@code resultDir}). */
    public static List<String> pushWhatTheJobWrote(URI gateway, String keyId, String keyToken, String resourceUuid,
            Path resultDir) {
        IngestionClient client = IngestionClient.builder().endpoint(gateway).key(keyId, new Secret(keyToken)).build();
        RelationalAsset table = new RelationalAsset("TABLE",
                new AssetMetadata("daily_orders", "analytics", "mart", "Orders per day", null, null), List.of(),
                List.of(new AssetField("day", "DATE"), new AssetField("orders", "BIGINT")),
                new AssetVolume(365L, 40_960L), new AssetFreshness(Timestamps.toWire(Instant.now())));
        LineageEvent lineage = new LineageEvent(LineageAssetRef.table("analytics", "mart", "daily_orders"),
                List.of(LineageAssetRef.table("raw", "shop", "orders")));
        List<String> ids = new ArrayList<>();
        ids.addAll(push(client, new PushTarget(Flow.METADATA, resourceUuid, "snowflake"), List.of(table),
                resultDir.resolve("metadata.push.json")));
        ids.addAll(push(client, new PushTarget(Flow.LINEAGE, resourceUuid, "snowflake"), List.of(lineage),
                resultDir.resolve("lineage.push.json")));
        return ids;
    }

    private static List<String> push(IngestionClient client, PushTarget target, List<? extends WireEvent> events,
            Path resultFile) {
        Iterator<? extends WireEvent> next = events.iterator();
        ManifestHeader header = ManifestHeader.of(target.flow(), target.resourceValue(), target.resourceUuid(),
                Timestamps.toWire(Instant.now()));
        PushPipeline.Result result = PushPipeline.builder(client, target)
                .events("nightly job", header, () -> next.hasNext() ? next.next() : null)
                .resultFile(resultFile) // every invocation id, per batch; a ledger and dead letters beside it
                .build().run();
        if (!result.complete()) {
            throw new IllegalStateException(target.flow().manifestName() + " push incomplete: see " + resultFile);
        }
        return result.push().invocationIds();
    }
}
