package io.mcpush.lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tolerant SQL tokenizer: it never fails, whatever the input. Used to split scripts into
 * statements and for the token-level fallback reading. Comments are dropped.
 */
final class SqlLexer {
    enum Type { WORD, QUOTED, STRING, NUMBER, PUNCT, VARIABLE }

    /** One token; {@code text} is the raw text including quotes. */
    record Token(Type type, String text, int start, int end, int line) {
        String upper() {
            return type == Type.WORD ? text.toUpperCase(Locale.ROOT) : text;
        }

        boolean is(String keyword) {
            return type == Type.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isPunct(char c) {
            return type == Type.PUNCT && text.length() == 1 && text.charAt(0) == c;
        }
    }

    private SqlLexer() {
    }

    static List<Token> tokenize(String sql, Dialect dialect) {
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        int line = 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\n') {
                line++;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            int startLine = line;
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#' && hashComments(dialect)) {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i += 2;
                while (i < n && !(sql.charAt(i) == '*' && i + 1 < n && sql.charAt(i + 1) == '/')) {
                    if (sql.charAt(i) == '\n') {
                        line++;
                    }
                    i++;
                }
                i = Math.min(n, i + 2);
                continue;
            }
            if (c == '\'' || c == '"' || c == '`' || c == '[' && dialect.squareBrackets()) {
                char close = c == '[' ? ']' : c;
                i++;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    if (d == '\\' && c == '\'' && i + 1 < n && backslashEscapes(dialect)) {
                        i += 2;
                        continue;
                    }
                    if (d == close) {
                        if (i + 1 < n && sql.charAt(i + 1) == close && close != ']') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
                Type t = c == '\'' || c == '"' && !dialect.doubleQuotedIdentifiers() ? Type.STRING : Type.QUOTED;
                out.add(new Token(t, sql.substring(start, Math.min(i, n)), start, Math.min(i, n), startLine));
                continue;
            }
            if (c == '$') {
                int tagEnd = i + 1;
                while (tagEnd < n && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
                    tagEnd++;
                }
                if (tagEnd < n && sql.charAt(tagEnd) == '$' && (tagEnd == i + 1
                        || !Character.isDigit(sql.charAt(i + 1)))) {
                    String tag = sql.substring(i, tagEnd + 1);
                    int close = sql.indexOf(tag, tagEnd + 1);
                    int end = close < 0 ? n : close + tag.length();
                    for (int k = i; k < end; k++) {
                        if (sql.charAt(k) == '\n') {
                            line++;
                        }
                    }
                    out.add(new Token(Type.STRING, sql.substring(i, end), i, end, startLine));
                    i = end;
                    continue;
                }
            }
            if (Character.isLetter(c) || c == '_' || c == '#' || c == '@' || c == '$' || c >= 0x80) {
                i++;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (Character.isLetterOrDigit(d) || d == '_' || d == '$' || d == '#' || d >= 0x80
                            && !Character.isWhitespace(d)) {
                        i++;
                    } else if (c == '@' && (d == '/' || d == '.' || d == '%' || d == '~')) {
                        i++; // a Snowflake stage reference such as @db.schema.stage/path
                    } else {
                        break;
                    }
                }
                Type t = c == '@' || c == '$' && i > start + 1 ? Type.VARIABLE : Type.WORD;
                out.add(new Token(t, sql.substring(start, i), start, i, startLine));
                continue;
            }
            if (Character.isDigit(c)) {
                i++;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Type.NUMBER, sql.substring(start, i), start, i, startLine));
                continue;
            }
            if (i + 1 < n) {
                String two = sql.substring(i, i + 2);
                if (two.equals("::") || two.equals("=>") || two.equals("<>") || two.equals("!=") || two.equals("<=")
                        || two.equals(">=") || two.equals("||")) {
                    out.add(new Token(Type.PUNCT, two, i, i + 2, startLine));
                    i += 2;
                    continue;
                }
            }
            out.add(new Token(Type.PUNCT, String.valueOf(c), i, i + 1, startLine));
            i++;
        }
        return out;
    }

    private static boolean hashComments(Dialect d) {
        return d == Dialect.MYSQL || d == Dialect.MARIADB;
    }

    private static boolean backslashEscapes(Dialect d) {
        return d == Dialect.MYSQL || d == Dialect.MARIADB || d == Dialect.BIGQUERY || d == Dialect.HIVE
                || d == Dialect.SPARKSQL || d == Dialect.DATABRICKS || d == Dialect.SNOWFLAKE;
    }
}
