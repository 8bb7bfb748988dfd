package io.mcpush.sdk.http;

import java.net.URI;
import java.util.Locale;

/**
 * Secure defaults for the URLs that key secrets and warehouse credentials travel to: {@code https}
 * anywhere, {@code http} only to this machine (a loopback address or {@code localhost}, as the
 * local emulator is). Names other than {@code localhost} are not resolved: a name that happens to
 * resolve to 127.0.0.1 still needs https. Stateless.
 */
public final class Endpoints {
    private Endpoints() {
    }

    /**
     * Returns {@code uri} when it is an https URL, or an http URL of a loopback host.
     *
     * @param what names the setting in the message, e.g. {@code "--endpoint"}
     * @throws IllegalArgumentException otherwise, with a message that names {@code what} and the
     *     host (never the query or user info, which may hold secrets)
     */
    public static URI requireSecure(URI uri, String what) {
        if (uri == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null || host.isEmpty()) {
            throw new IllegalArgumentException(what + " is not an http(s) URL with a host");
        }
        if (scheme.equals("http") && !isLoopback(host)) {
            throw new IllegalArgumentException(what + ": http://" + host + " would send the key in clear text; use "
                    + "https:// (plain http is allowed only to this machine: localhost, 127.0.0.0/8, ::1)");
        }
        return uri;
    }

    /** True for {@code localhost}, 127.0.0.0/8 and ::1 (written as an address, not resolved). */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
