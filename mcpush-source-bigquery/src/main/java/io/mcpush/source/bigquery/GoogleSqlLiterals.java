package io.mcpush.source.bigquery;

/**
 * Reads the GoogleSQL string literals INFORMATION_SCHEMA.TABLE_OPTIONS reports option values as
 * ({@code "a \"quoted\" word"}, {@code 'x'}, triple-quoted and raw {@code r"…"} forms). Stateless.
 */
public final class GoogleSqlLiterals {
    private GoogleSqlLiterals() {
    }

    /** The text of a string literal; a value that is no string literal is returned as it is. */
    public static String unquote(String literal) {
        if (literal == null) {
            return null;
        }
        String s = literal.trim();
        boolean raw = false;
        if (s.length() >= 1 && (s.charAt(0) == 'r' || s.charAt(0) == 'R')) {
            raw = true;
            s = s.substring(1);
        }
        String quote;
        if (s.startsWith("\"\"\"") || s.startsWith("'''")) {
            quote = s.substring(0, 3);
        } else if (s.startsWith("\"") || s.startsWith("'")) {
            quote = s.substring(0, 1);
        } else {
            return literal;
        }
        if (s.length() < 2 * quote.length() || !s.endsWith(quote)) {
            return literal;
        }
        String body = s.substring(quote.length(), s.length() - quote.length());
        if (raw) {
            return body;
        }
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                sb.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case 'u', 'U', 'x', 'X' -> {
                    int len = e == 'u' ? 4 : e == 'U' ? 8 : 2;
                    String hex = i + len < body.length() ? body.substring(i + 1, i + 1 + len) : "";
                    try {
                        sb.appendCodePoint(Integer.parseInt(hex, 16));
                        i += len;
                    } catch (IllegalArgumentException ex) {
                        sb.append('\\').append(e); // not a valid escape: keep it as written
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7' && i + 2 < body.length()) {
                        try {
                            sb.append((char) Integer.parseInt(body.substring(i, i + 3), 8));
                            i += 2;
                        } catch (NumberFormatException ex) {
                            sb.append(e);
                        }
                    } else {
                        sb.append(e); // \\ \' \" \` \?
                    }
                }
            }
        }
        return sb.toString();
    }
}
