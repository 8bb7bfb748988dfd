package io.mcpush.source.logfile;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far one log file was read: its identity when it was read (the path it had, the file
 * system's key — inode and device on Unix — where there is one, and the SHA-256 of its first
 * {@code fingerprintBytes} bytes), its size then, the byte offset of the first entry not yet
 * complete, where the next run resumes, and the SHA-256 of the (up to 256) bytes just before that
 * offset ({@code beforeOffset}), which an appended file never changes: it tells the same file from
 * a new one that reuses the inode and starts with the same banner. For a gzip file ({@code gzip}) sizes and offsets count
 * decompressed bytes and the fingerprint is of the decompressed start, so that a file read while
 * plain and compressed later by log rotation is recognised. Immutable.
 *
 * @param fileKey      null where the file system has no file keys
 * @param beforeOffset null when not known (gzip files)
 */
public record FilePosition(String path, String fileKey, String fingerprint, int fingerprintBytes, long size, long offset,
        boolean gzip, String beforeOffset) {
    public FilePosition {
        requireNonNull(path, "path is null");
        requireNonNull(fingerprint, "fingerprint is null");
        if (fingerprintBytes < 0 || size < 0 || offset < 0 || offset > size) {
            throw new IllegalArgumentException("position of " + path + ": need 0 <= offset <= size and "
                    + "fingerprint_bytes >= 0 (offset " + offset + ", size " + size + ")");
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        if (fileKey != null) {
            m.put("file_key", fileKey);
        }
        m.put("fingerprint", fingerprint);
        m.put("fingerprint_bytes", fingerprintBytes);
        m.put("size", size);
        m.put("offset", offset);
        if (gzip) {
            m.put("gzip", true);
        }
        if (beforeOffset != null) {
            m.put("before_offset", beforeOffset);
        }
        return m;
    }
}
