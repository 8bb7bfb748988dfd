package io.mcpush.source.jdbc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what messages and watermarks need from a JDBC URL without ever repeating a credential
 * that a user put into it ({@code user:password@}, {@code ?password=}, {@code ;password=}).
 * Stateless.
 */
public final class JdbcUrls {
    private static final Pattern HIERARCHICAL = Pattern.compile("^jdbc:([a-zA-Z0-9:+._-]+?)://([^/?;#]*)(/[^?;#]*)?.*$");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "([?&;])([^=&;]*(?:password|passwd|pwd|secret|token|key)[^=&;]*)=[^&;]*", Pattern.CASE_INSENSITIVE);

    private JdbcUrls() {
    }

    /**
     * The URL as a stable identity: without its query string, without user information and
     * without any {@code ;name=value} parameter that looks like a credential.
     */
    public static String identity(String url) {
        String u = stripUserInfo(url);
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        return SECRET_PARAM.matcher(u).replaceAll("");
    }

    /** The URL with user information and credential-like parameter values replaced by {@code ****}. */
    public static String redacted(String url) {
        String u = stripUserInfo(url);
        return SECRET_PARAM.matcher(u).replaceAll("$1$2=****");
    }

    private static String stripUserInfo(String url) {
        Matcher m = HIERARCHICAL.matcher(url);
        if (!m.matches()) {
            return url;
        }
        int at = m.group(2).lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int start = m.start(2);
        return url.substring(0, start) + url.substring(start + at + 1);
    }

    /** {@code host[:port]} of a {@code jdbc:sub://host:port/db} URL, else {@code localhost}. */
    public static String host(String url) {
        Matcher m = HIERARCHICAL.matcher(stripUserInfo(url));
        if (m.matches() && !m.group(2).isEmpty()) {
            return m.group(2);
        }
        return "localhost";
    }

    /** The path's database name of a {@code jdbc:sub://host/db} URL, else {@code (default)}. */
    public static String database(String url) {
        Matcher m = HIERARCHICAL.matcher(stripUserInfo(url));
        if (m.matches() && m.group(3) != null && m.group(3).length() > 1) {
            return m.group(3).substring(1);
        }
        return "(default)";
    }
}
