package io.mcpush.lineage;

import io.mcpush.lineage.SqlLexer.Token;
import io.mcpush.lineage.SqlLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits a script into statements at top-level semicolons (and T-SQL {@code GO} lines). */
final class ScriptSplitter {
    /** One statement's text, where it starts, and its tokens. */
    record Piece(String text, int line, List<Token> tokens) {
    }

    /** Words that start a new statement where a dialect lets statements run on without semicolons. */
    private static final Set<String> STATEMENT_STARTS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "CREATE",
            "DROP", "TRUNCATE", "ALTER", "DECLARE", "EXEC", "EXECUTE", "USE", "GRANT", "REVOKE", "COPY", "UNLOAD",
            "PRINT", "RETURN", "IF", "BEGIN", "END");

    /** Words after which one of {@link #STATEMENT_STARTS} continues the statement instead. */
    private static final Set<String> CONTINUES = Set.of("THEN", "DO", "KEY", "ON", "OR", "FOR", "BEFORE", "AFTER",
            "NOT", "MATCHED", "AND", "ELSE", "INSTEAD", "OF", "ALTER", "CREATE", "EXISTS", "TO", "WITH", "GRANT",
            "REVOKE", "DELETE", "UPDATE", "INSERT", "CASE", "WHEN", "IS");

    private ScriptSplitter() {
    }

    static List<Piece> split(String sql, List<Token> tokens) {
        List<Piece> pieces = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean go = t.is("GO") && isAloneOnLine(sql, t);
            if (t.isPunct(';') || go) {
                add(sql, tokens, from, i, pieces);
                from = i + 1;
            }
        }
        add(sql, tokens, from, tokens.size(), pieces);
        return pieces;
    }

    /**
     * Splits one piece the parser rejected at words that begin statements, for dialects and
     * scripts that leave out semicolons. Returns the piece itself when there is nothing to split.
     */
    static List<Piece> splitWithoutSemicolons(String sql, Piece piece) {
        List<Token> tokens = piece.tokens();
        List<Piece> pieces = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(')')) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && i > from && t.type() == Type.WORD && STATEMENT_STARTS.contains(t.upper())) {
                Token previous = tokens.get(i - 1);
                if (previous.type() == Type.WORD && CONTINUES.contains(previous.upper()) || previous.isPunct('=')
                        || previous.isPunct(',')) {
                    continue;
                }
                if (t.is("END") || t.is("IF") && previous.is("END")) {
                    continue;
                }
                addWhole(sql, tokens, from, i, pieces);
                from = i;
            }
        }
        if (pieces.isEmpty()) {
            return List.of(piece);
        }
        addWhole(sql, tokens, from, tokens.size(), pieces);
        return pieces;
    }

    private static boolean isAloneOnLine(String sql, Token t) {
        int before = t.start() - 1;
        while (before >= 0 && sql.charAt(before) != '\n') {
            if (!Character.isWhitespace(sql.charAt(before))) {
                return false;
            }
            before--;
        }
        int after = t.end();
        while (after < sql.length() && sql.charAt(after) != '\n') {
            if (!Character.isWhitespace(sql.charAt(after))) {
                return Character.isDigit(sql.charAt(after)) && sql.substring(after).strip().chars()
                        .limit(10).allMatch(Character::isDigit);
            }
            after++;
        }
        return true;
    }

    private static void add(String sql, List<Token> tokens, int from, int to, List<Piece> pieces) {
        if (to > from) {
            addWhole(sql, tokens, from, to, pieces);
        }
    }

    private static void addWhole(String sql, List<Token> tokens, int from, int to, List<Piece> pieces) {
        Token first = tokens.get(from);
        Token last = tokens.get(to - 1);
        pieces.add(new Piece(sql.substring(first.start(), last.end()), first.line(), tokens.subList(from, to)));
    }
}
