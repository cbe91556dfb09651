package com.radrelay.archive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns one query key's value into SQL matching as PS3.4 C.2.2.2 defines it: single value, list of UIDs,
 * wildcard ({@code *}, {@code ?}), range ({@code a-b}, {@code a-}, {@code -b}). An empty value or {@code *}
 * matches everything and adds no condition.
 */
final class Matching {

    private Matching() {
    }

    static boolean universal(String value) {
        return value.isEmpty() || value.equals("*");
    }

    /** Exact or wildcard; {@code caseInsensitive} for person names (PS3.4 allows it, users expect it). */
    static void text(Conditions c, String column, String value, boolean caseInsensitive) {
        if (universal(value)) {
            return;
        }
        String v = caseInsensitive ? value.toUpperCase(Locale.ROOT) : value;
        String col = caseInsensitive && !column.endsWith("_upper") ? "upper(" + column + ")" : column;
        if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0) {
            c.add(col + " like ? escape '\\'", like(v));
        } else {
            c.add(col + " = ?", v);
        }
    }

    /** A backslash-separated list of UIDs (list of UID matching) or one UID. */
    static void uids(Conditions c, String column, String[] values) {
        List<String> uids = new ArrayList<>(Arrays.stream(values).map(String::strip).filter(v -> !v.isEmpty()).toList());
        if (uids.isEmpty()) {
            return;
        }
        if (uids.size() == 1) {
            c.add(column + " = ?", uids.getFirst());
        } else {
            c.add(column + " = any (?::text[])", (Object) uids.toArray(String[]::new));
        }
    }

    /** Dates (YYYYMMDD) and times (HHMMSS.FFFFFF) are stored as text, which sorts like the values. */
    static void range(Conditions c, String column, String value, boolean time) {
        if (universal(value)) {
            return;
        }
        int dash = value.indexOf('-');
        if (dash < 0) {
            c.add(column + " = ?", value);
            return;
        }
        String from = value.substring(0, dash).strip();
        String to = value.substring(dash + 1).strip();
        if (!from.isEmpty()) {
            c.add(column + " >= ?", from);
        }
        if (!to.isEmpty()) {
            // A time's upper end covers everything it is a prefix of: "1015" includes 10:15:59.9.
            c.add((time ? "substr(" + column + ", 1, " + to.length() + ")" : column) + " <= ?", to);
        }
    }

    static void integer(Conditions c, String column, String value) {
        if (universal(value)) {
            return;
        }
        try {
            c.add(column + " = ?", Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not an integer");
        }
    }

    private static String like(String wildcard) {
        StringBuilder sb = new StringBuilder(wildcard.length() + 8);
        for (char ch : wildcard.toCharArray()) {
            switch (ch) {
                case '*' -> sb.append('%');
                case '?' -> sb.append('_');
                case '%', '_', '\\' -> sb.append('\\').append(ch);
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Accumulates SQL conditions and their parameters. */
    static final class Conditions {

        final List<String> sql = new ArrayList<>();
        final List<Object> params = new ArrayList<>();

        void add(String condition, Object... values) {
            sql.add(condition);
            params.addAll(Arrays.asList(values));
        }

        String where() {
            return sql.isEmpty() ? "true" : String.join(" and ", sql);
        }
    }
}
