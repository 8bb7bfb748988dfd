package io.mcpush.sdk.push;

import java.util.zip.Deflater;

/** gzip size arithmetic shared by the batcher, the pusher and the emulator. Stateless. */
public final class CompressedSize {
    /** gzip header (10) and trailer (8). */
    public static final int GZIP_FRAMING = 18;

    private CompressedSize() {
    }

    /**
     * An upper bound of the deflate output for {@code n} more input bytes (zlib's compressBound),
     * plus room for the sync-flush marker and the final block.
     */
    public static long bound(long n) {
        return n + (n >> 12) + (n >> 14) + (n >> 25) + 13 + 16;
    }

    /** Exact gzip size (default level) of {@code data[0, length)}. */
    public static long gzipSize(byte[] data, int length) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(data, 0, length);
            d.finish();
            byte[] out = new byte[64 * 1024];
            long total = 0;
            while (!d.finished()) {
                total += d.deflate(out);
            }
            return total + GZIP_FRAMING;
        } finally {
            d.end();
        }
    }
}
