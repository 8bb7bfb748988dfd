package io.mcpush.source.redshift;

/**
 * Puts one query's text back together from its SYS_QUERY_TEXT pieces, given in {@code sequence}
 * order. Redshift splits a statement into pieces of 4,000 characters and documents the piece
 * column as {@code character(4000)}, a blank-padded type, while drivers and twins may deliver it
 * unpadded (as varchar). Both read back the same way:
 * <ul>
 *   <li>every piece but the last is taken verbatim: a full piece has no padding, so its trailing
 *       blanks are the query's own (the documented {@code LISTAGG(RTRIM(text))} recipe loses them
 *       and glues {@code FROM} to the next word);</li>
 *   <li>the last piece loses its trailing blanks: padding and the statement's own trailing blanks
 *       cannot be told apart there, and the latter mean nothing in SQL.</li>
 * </ul>
 * A gap in the sequence numbers (a piece the user may not see, or one that aged out) is counted
 * so the query can be reported as incomplete. Not thread-safe: one query at a time.
 */
final class QueryTextAssembler {
    private final StringBuilder text = new StringBuilder();
    private String last;
    private int expected;
    private boolean gap;

    /** Starts a new query. */
    void reset() {
        text.setLength(0);
        last = null;
        expected = 0;
        gap = false;
    }

    /** Adds the piece numbered {@code sequence}; pieces must come in ascending order. */
    void add(int sequence, String piece) {
        if (sequence != expected) {
            gap = true;
        }
        expected = sequence + 1;
        if (last != null) {
            text.append(last);
        }
        last = piece == null ? "" : piece;
    }

    boolean isEmpty() {
        return last == null;
    }

    /** True when a sequence number was missing (the text is incomplete). */
    boolean hasGap() {
        return gap;
    }

    /** The whole text; the last piece without its trailing blanks. */
    String text() {
        if (last == null) {
            return "";
        }
        int end = last.length();
        while (end > 0 && last.charAt(end - 1) == ' ') {
            end--;
        }
        return text.length() == 0 ? last.substring(0, end) : text + last.substring(0, end);
    }

    /** Trailing blanks cut off a {@code character(n)} value read as a whole (SYS_QUERY_HISTORY.query_text). */
    static String stripPadding(String value) {
        if (value == null) {
            return null;
        }
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(0, end);
    }
}
