package io.mcpush.sdk.push;

import io.mcpush.sdk.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Collects serialised events of one request type until the next one would break the count cap
 * or the compressed-size cap. Compression is only started when the raw body could exceed the
 * cap, and then runs incrementally: the deflater is flushed (to learn the exact size so far)
 * only when the bound of what was fed since the last flush no longer fits. Not thread-safe.
 */
final class BatchBuilder {
    private static final byte[] SEPARATOR = {',', ' '};
    private static final int SUFFIX = 2;
    /** {@code {"relational_asset": } before each metadata event. */
    private static final int WRAP_START = "{\"relational_asset\": ".length();

    private final EventType type;
    private final byte[] prefix;
    private final int maxEvents;
    private final long maxCompressed;

    private final List<byte[]> events = new ArrayList<>();
    private final List<Long> lines = new ArrayList<>();
    private final List<Boolean> twins = new ArrayList<>();
    private long rawSize;
    private Deflater deflater;
    private long confirmed;
    private long pending;
    private final byte[] scratch = new byte[64 * 1024];

    BatchBuilder(EventType type, byte[] prefix, int maxEvents, long maxCompressed) {
        this.type = type;
        this.prefix = prefix;
        this.maxEvents = maxEvents;
        this.maxCompressed = maxCompressed;
        this.rawSize = prefix.length + SUFFIX;
    }

    EventType type() {
        return type;
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** Adds the event when it fits; an empty builder takes any event (size is checked before). */
    boolean tryAdd(byte[] event, long line, boolean twin) {
        int extra = event.length + (events.isEmpty() ? 0 : SEPARATOR.length);
        if (!events.isEmpty()) {
            if (events.size() >= maxEvents || !fits(extra)) {
                return false;
            }
        }
        if (deflater != null) {
            feed(event, !events.isEmpty());
        }
        events.add(event);
        lines.add(line);
        twins.add(twin);
        rawSize += extra;
        return true;
    }

    private boolean fits(int extra) {
        if (deflater == null) {
            if (CompressedSize.GZIP_FRAMING + CompressedSize.bound(rawSize + extra) <= maxCompressed) {
                return true;
            }
            startCompressing();
        }
        if (confirmed + CompressedSize.bound(pending + extra + SUFFIX) + CompressedSize.GZIP_FRAMING <= maxCompressed) {
            return true;
        }
        flush();
        return confirmed + CompressedSize.bound(extra + SUFFIX) + CompressedSize.GZIP_FRAMING <= maxCompressed;
    }

    private void startCompressing() {
        deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflate(prefix, Deflater.NO_FLUSH);
        for (int i = 0; i < events.size(); i++) {
            feed(events.get(i), i > 0);
        }
        flush();
    }

    private void feed(byte[] event, boolean separator) {
        if (separator) {
            deflate(SEPARATOR, Deflater.NO_FLUSH);
        }
        deflate(event, Deflater.NO_FLUSH);
    }

    private void flush() {
        deflate(new byte[0], Deflater.SYNC_FLUSH);
        pending = 0;
    }

    private void deflate(byte[] input, int mode) {
        deflater.setInput(input);
        pending += input.length;
        int n;
        do {
            n = deflater.deflate(scratch, 0, scratch.length, mode);
            confirmed += n;
        } while (n == scratch.length || !deflater.needsInput());
    }

    /** Seals the batch and resets this builder. */
    Batch seal(int index) {
        byte[] body = new byte[(int) rawSize];
        int pos = 0;
        System.arraycopy(prefix, 0, body, pos, prefix.length);
        pos += prefix.length;
        int[] offsets = new int[events.size() + 1];
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                body[pos++] = ',';
                body[pos++] = ' ';
            }
            offsets[i] = pos;
            byte[] e = events.get(i);
            System.arraycopy(e, 0, body, pos, e.length);
            pos += e.length;
        }
        offsets[events.size()] = pos;
        body[pos++] = ']';
        body[pos++] = '}';
        long compressed = -1;
        if (deflater != null) {
            deflater.setInput(new byte[] {']', '}'});
            deflater.finish();
            while (!deflater.finished()) {
                confirmed += deflater.deflate(scratch);
            }
            deflater.end();
            compressed = confirmed + CompressedSize.GZIP_FRAMING;
        }
        long[] lineArray = lines.stream().mapToLong(Long::longValue).toArray();
        boolean[] twinArray = new boolean[twins.size()];
        for (int i = 0; i < twinArray.length; i++) {
            twinArray[i] = twins.get(i);
        }
        Batch batch = new Batch(index, type, prefix, body, offsets, lineArray, twinArray, compressed);
        events.clear();
        lines.clear();
        twins.clear();
        rawSize = prefix.length + SUFFIX;
        deflater = null;
        confirmed = 0;
        pending = 0;
        return batch;
    }

    /**
     * A sealed batch: its request body and where each event sits in it, so that any contiguous
     * part can be re-serialised after a 413 without parsing. Immutable once built.
     */
    record Batch(int index, EventType type, byte[] prefix, byte[] body, int[] offsets, long[] lines,
            boolean[] twins, long compressedBytes) {
        int size() {
            return lines.length;
        }

        /**
         * Event {@code i} as a manifest line holds it: its wire form, without the
         * {@code relational_asset} wrapper of a metadata request.
         */
        byte[] manifestLine(int i) {
            int start = offsets[i];
            int end = i + 1 == size() ? offsets[i + 1] : offsets[i + 1] - 2;
            if (type == EventType.METADATA) {
                start += WRAP_START;
                end -= 1;
            }
            return java.util.Arrays.copyOfRange(body, start, end);
        }

        /** The request body holding events {@code [from, to)}. */
        byte[] part(int from, int to) {
            if (from == 0 && to == size()) {
                return body;
            }
            int start = offsets[from];
            int end = to == size() ? offsets[to] : offsets[to] - 2;
            byte[] out = new byte[prefix.length + (end - start) + 2];
            System.arraycopy(prefix, 0, out, 0, prefix.length);
            System.arraycopy(body, start, out, prefix.length, end - start);
            out[out.length - 2] = ']';
            out[out.length - 1] = '}';
            return out;
        }
    }
}
