package io.mcpush.source.logfile;

import io.mcpush.source.SourceConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The files named by {@code --log-file} values: a path, or a glob in the file name such as
 * {@code /var/log/postgresql/*.csv} (expanded here, not by a shell, so quote it), with the
 * directory part literal. The files are read oldest first: sorted by modification time, then by
 * name, so that rotated files come before the file the server writes now. Stateless.
 */
public final class LogFiles {
    private LogFiles() {
    }

    /**
     * Checks the values as given (exit 2 material): non-blank, a valid path, a glob only in the
     * file name. Whether the files exist is checked at collection time.
     *
     * @param option the option name for messages, e.g. {@code log-file}
     */
    public static List<String> check(String option, List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new SourceConfigException(option, "--" + option + " must name a file or a glob such as /var/log/postgresql/*.csv");
            }
            String parent = parentOf(v.trim());
            if (parent != null && isGlob(parent)) {
                throw new SourceConfigException(option, "--" + option + " '" + v + "': a glob may only be in the file name, "
                        + "not in the directory");
            }
            try {
                Path.of(isGlob(v) ? (parent == null ? "." : parent) : v.trim());
            } catch (InvalidPathException e) {
                throw new SourceConfigException(option, "--" + option + " '" + v + "' is not a valid path: " + e.getReason());
            }
            out.add(v.trim());
        }
        return List.copyOf(out);
    }

    /**
     * The regular files the values name now, each once, oldest first. A named file that does not
     * exist (yet, or any more: rotation) or a glob that matches nothing is reported to {@code warn};
     * a directory that does not exist is a mistake in the option, never a state of the server.
     *
     * @throws SourceConfigException (option {@code log-file}) naming the missing directory
     */
    public static List<Path> expand(List<String> values, Consumer<String> warn) {
        Map<Path, Path> found = new LinkedHashMap<>();
        for (String v : values) {
            String parentText = parentOf(v);
            Path directory = Path.of(parentText == null ? "." : parentText);
            if (!Files.isDirectory(directory)) {
                throw new SourceConfigException("log-file", "--log-file " + v + ": directory " + directory
                        + " does not exist");
            }
            if (!isGlob(v)) {
                Path p = Path.of(v);
                if (Files.isRegularFile(p)) {
                    found.putIfAbsent(key(p), p);
                } else {
                    warn.accept("log file " + v + " does not exist or is not a file");
                }
                continue;
            }
            String parent = parentOf(v);
            Path dir = Path.of(parent == null ? "." : parent);
            String name = v.substring(lastSeparator(v) + 1);
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
            int before = found.size();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    if (matcher.matches(p.getFileName()) && Files.isRegularFile(p)) {
                        found.putIfAbsent(key(p), parent == null ? p.getFileName() : p);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the log directory " + dir + ": " + e.getMessage(), e);
            }
            if (found.size() == before) {
                warn.accept("--log-file " + v + " matches no file");
            }
        }
        List<Path> files = new ArrayList<>(found.values());
        Map<Path, FileTime> times = new LinkedHashMap<>();
        for (Path p : files) {
            try {
                times.put(p, Files.getLastModifiedTime(p));
            } catch (IOException e) {
                times.put(p, FileTime.fromMillis(Long.MAX_VALUE)); // rotated away meanwhile: the reader reports it
            }
        }
        files.sort(Comparator.comparing((Path p) -> times.get(p)).thenComparing(Path::toString));
        return files;
    }

    static boolean isGlob(String v) {
        return v.indexOf('*') >= 0 || v.indexOf('?') >= 0 || v.indexOf('[') >= 0 || v.indexOf('{') >= 0;
    }

    private static int lastSeparator(String v) {
        return Math.max(v.lastIndexOf('/'), v.lastIndexOf(java.io.File.separatorChar));
    }

    private static String parentOf(String v) {
        int slash = lastSeparator(v);
        return slash < 0 ? null : slash == 0 ? "/" : v.substring(0, slash);
    }

    private static Path key(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
