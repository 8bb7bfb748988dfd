package io.mcpush.emulator;

/** Strict UTF-8 check for request bodies. Stateless, thread-safe. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Describes why {@code b} is not UTF-8 JSON text, or returns null. Rejects what
     * Jackson's encoding detection would otherwise accept: a byte-order mark and NUL bytes
     * (UTF-16/32 text), besides malformed, overlong and surrogate sequences.
     */
    static String problem(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            return "it starts with a byte-order mark";
        }
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                if (c == 0) {
                    return "NUL byte at offset " + i + " (UTF-16 and UTF-32 are not accepted)";
                }
                i++;
                continue;
            }
            int extra;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                extra = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                extra = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                extra = 3;
                min = 0x10000;
            } else {
                return "invalid UTF-8 byte 0x" + Integer.toHexString(c) + " at offset " + i;
            }
            if (i + extra >= n) {
                return "truncated UTF-8 sequence at offset " + i;
            }
            int cp = c & (0x3f >> extra);
            for (int k = 1; k <= extra; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    return "invalid UTF-8 sequence at offset " + i;
                }
                cp = (cp << 6) | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return "invalid UTF-8 sequence at offset " + i;
            }
            i += extra + 1;
        }
        return null;
    }
}
