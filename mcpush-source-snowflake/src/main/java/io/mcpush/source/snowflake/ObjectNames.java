package io.mcpush.source.snowflake;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the qualified names Snowflake writes into ACCESS_HISTORY ({@code objectName}:
 * {@code DB.SCHEMA.TABLE}, a part that needs quoting in double quotes, e.g.
 * {@code SALES."my schema"."Orders.2026"}) into their parts as INFORMATION_SCHEMA reports them:
 * quoted parts unquoted with {@code ""} read as {@code "}, unquoted parts as written (Snowflake
 * already upper-cased them when it resolved the name). Stateless.
 */
final class ObjectNames {
    private ObjectNames() {
    }

    /** The parts, or null when the text is not a well-formed dotted name. */
    static List<String> split(String qualified) {
        if (qualified == null || qualified.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>(3);
        StringBuilder part = new StringBuilder();
        int n = qualified.length();
        int i = 0;
        boolean expectPart = true;
        while (i < n) {
            char c = qualified.charAt(i);
            if (expectPart && c == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        return null; // unterminated quote
                    }
                    char d = qualified.charAt(j);
                    if (d == '"') {
                        if (j + 1 < n && qualified.charAt(j + 1) == '"') {
                            part.append('"');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    part.append(d);
                    j++;
                }
                i = j + 1;
                if (i < n && qualified.charAt(i) != '.') {
                    return null;
                }
                expectPart = false;
            } else if (c == '.') {
                if (part.length() == 0) {
                    return null;
                }
                parts.add(part.toString());
                part.setLength(0);
                expectPart = true;
                i++;
            } else {
                part.append(c);
                expectPart = false;
                i++;
            }
        }
        if (part.length() == 0) {
            return null;
        }
        parts.add(part.toString());
        return parts;
    }
}
