package io.mcpush.sdk.manifest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.InvalidEventException;
import io.mcpush.sdk.LogTypes;
import io.mcpush.sdk.model.WireEvent;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams a manifest one event at a time, never holding more than one line. Reading is strict
 * (DESIGN.md, "Manifest"): the first bad line throws a {@link ManifestException} whose message is
 * {@code FILE:LINE: field: problem}. Not thread-safe.
 */
public final class ManifestReader implements Closeable {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(256 * 1024 * 1024).maxNumberLength(1000).build());
    }

    private final String name;
    /** Raw bytes: each line is decoded on its own, so a UTF-8 error is reported on its own line. */
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] lineBytes = new byte[1024];
    private int lastLength = -1;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ManifestHeader header;
    private long line;

    private ManifestReader(Path file, boolean allowAnyLogType) {
        this.name = file.toString();
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            if (file.getFileName().toString().endsWith(".gz")) {
                raw = new GZIPInputStream(raw, 1 << 16);
            }
            this.in = raw;
        } catch (NoSuchFileException e) {
            throw new ManifestException(name, 0, null, "no such file");
        } catch (ZipException e) {
            throw new ManifestException(name, 1, null, "the name ends in .gz but the file is not gzip ("
                    + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ManifestException(name, 0, null, "cannot read: " + e.getMessage());
        }
        try {
            this.header = readHeader(allowAnyLogType);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Opens a manifest and reads its header.
     *
     * @param allowAnyLogType accept a query-log header whose {@code log_type} Monte Carlo does not
     *                        take (the caller overrides it, e.g. with {@code --log-type})
     */
    public static ManifestReader open(Path file, boolean allowAnyLogType) {
        return new ManifestReader(requireNonNull(file, "file is null"), allowAnyLogType);
    }

    public static ManifestReader open(Path file) {
        return open(file, false);
    }

    public ManifestHeader header() {
        return header;
    }

    /** The file as named by the caller, for messages. */
    public String name() {
        return name;
    }

    /** Line number of the last line read (1 = header). */
    public long line() {
        return line;
    }

    /** The next event, or null at the end of the manifest. */
    public ManifestEvent next() {
        while (true) {
            int length = readLine();
            lastLength = length;
            if (length < 0) {
                return null;
            }
            if (isBlank(length)) {
                continue;
            }
            WireEvent fast = FastEventParser.parse(header.flow(), lineBytes, length);
            if (fast != null) {
                return new ManifestEvent(line, fast, length);
            }
            JsonNode node = parseJson(length);
            try {
                return new ManifestEvent(line, EventParser.parse(header.flow(), node), length);
            } catch (InvalidEventException e) {
                throw new ManifestException(name, line, e.field(), e.problem());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ManifestException(name, line, null, e.getMessage());
            }
        }
    }

    /**
     * True when the line of the last event returned by {@link #next()} is exactly
     * {@code bytes[0, length)} — for instance its own canonical wire serialisation.
     */
    public boolean lastLineEquals(byte[] bytes, int length) {
        return lastLength == length && Arrays.equals(lineBytes, 0, length, bytes, 0, length);
    }

    /**
     * The next non-blank line as raw bytes, without parsing or checking it (for a second pass
     * over a manifest that was already read with {@link #next()}); null at the end.
     */
    public byte[] nextRawLine() {
        while (true) {
            int length;
            try {
                length = nextLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
            }
            if (length < 0) {
                return null;
            }
            line++;
            if (!isBlank(length)) {
                return Arrays.copyOf(lineBytes, length);
            }
        }
    }

    private boolean isBlank(int length) {
        for (int i = 0; i < length; i++) {
            byte b = lineBytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Reads the next line into {@code lineBytes}; its length, or -1 at the end. */
    private int readLine() {
        try {
            int length = nextLine();
            if (length >= 0) {
                line++;
                checkUtf8(length);
            }
            return length;
        } catch (ZipException e) {
            throw new ManifestException(name, line + 1, null, "corrupt gzip data (" + e.getMessage() + ")");
        } catch (java.io.EOFException e) {
            throw new ManifestException(name, line + 1, null, "the gzip stream ends early (truncated file?)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** Strict UTF-8 check, skipped for pure ASCII lines (what mcpush itself writes). */
    private void checkUtf8(int length) {
        for (int i = 0; i < length; i++) {
            if (lineBytes[i] < 0) {
                try {
                    decoder.reset();
                    decoder.decode(ByteBuffer.wrap(lineBytes, 0, length));
                } catch (CharacterCodingException e) {
                    throw new ManifestException(name, line, null, "not valid UTF-8 text");
                }
                return;
            }
        }
    }

    /**
     * Reads the next line without its terminator ({@code \n} or {@code \r\n}) into
     * {@code lineBytes}; returns its length, or -1 at the end. Lines are split as bytes (a decoding
     * reader would fail while filling its buffer, i.e. on an earlier line than the bad bytes).
     */
    private int nextLine() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    if (!any) {
                        return -1;
                    }
                    break;
                }
                position = 0;
                limit = n;
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            if (length + chunk > lineBytes.length) {
                lineBytes = Arrays.copyOf(lineBytes, Math.max(lineBytes.length * 2, length + chunk));
            }
            System.arraycopy(buffer, start, lineBytes, length, chunk);
            length += chunk;
            if (position < limit) {
                position++; // the newline
                break;
            }
        }
        if (length > 0 && lineBytes[length - 1] == '\r') {
            length--;
        }
        return length;
    }

    private JsonNode parseJson(int length) {
        try {
            return JSON.readTree(lineBytes, 0, length);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new ManifestException(name, line, null, "not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse line " + line + " of " + name, e);
        }
    }

    private ManifestHeader readHeader(boolean allowAnyLogType) {
        int length = readLine();
        if (length < 0 || isBlank(length)) {
            throw new ManifestException(name, 1, null, "the manifest is empty; line 1 must be the header");
        }
        JsonNode node = parseJson(length);
        try {
            EventParser.Obj h = EventParser.Obj.of(node, "", "a manifest header");
            JsonNode version = h.node.get("mcpush_manifest");
            if (version == null) {
                throw new InvalidEventException("mcpush_manifest", "is required (line 1 must be an mcpush manifest header)");
            }
            if (!version.isIntegralNumber() || version.intValue() != ManifestHeader.VERSION) {
                throw new InvalidEventException("mcpush_manifest", "must be " + ManifestHeader.VERSION
                        + ", not " + version);
            }
            String flowText = h.requiredString("flow");
            Flow flow;
            try {
                flow = Flow.parse(flowText);
                if (!flow.manifestName().equals(flowText)) {
                    throw new IllegalArgumentException("");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("flow", "must be metadata, lineage or query_logs, not '" + flowText + "'");
            }
            String resourceType = h.optionalString("resource_type");
            String logType = h.optionalString("log_type");
            if (flow == Flow.QUERY_LOGS) {
                if (logType == null) {
                    throw new InvalidEventException("log_type", "is required for query logs (e.g. snowflake, hive-s3)");
                }
                if (!allowAnyLogType && !LogTypes.isSupported(logType)) {
                    throw new InvalidEventException("log_type", "'" + logType
                            + "' is not accepted by Monte Carlo's query-log API (supported: "
                            + String.join(", ", LogTypes.SUPPORTED) + "); name one with --log-type");
                }
            } else if (resourceType == null || resourceType.isBlank()) {
                throw new InvalidEventException("resource_type", "is required for " + flow.manifestName()
                        + " (the Monte Carlo connection type, e.g. snowflake, data-lake)");
            }
            Map<String, Object> source = null;
            JsonNode src = h.node.get("source");
            if (src != null && !src.isNull()) {
                if (!src.isObject()) {
                    throw new InvalidEventException("source", "must be an object, not " + EventParser.kind(src));
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) EventParser.plain(src);
                source = m;
            }
            Map<String, Object> positions = null;
            JsonNode pos = h.node.get("positions");
            if (pos != null && !pos.isNull()) {
                if (!pos.isObject()) {
                    throw new InvalidEventException("positions", "must be an object, not " + EventParser.kind(pos));
                }
                JsonNode files = pos.get("files");
                if (files == null || !files.isArray()) {
                    throw new InvalidEventException("positions.files", "must be a list of file positions");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) EventParser.plain(pos);
                positions = m;
            }
            return new ManifestHeader(flow, flow == Flow.QUERY_LOGS ? null : resourceType,
                    flow == Flow.QUERY_LOGS ? logType : null, h.optionalString("resource_uuid"),
                    h.optionalString("collected_at"), h.optionalString("window_start"), h.optionalString("window_end"),
                    source, positions);
        } catch (InvalidEventException e) {
            throw new ManifestException(name, 1, e.field(), e.problem());
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing useful to do: the reader failed already
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
