package com.radrelay.workflow;

import java.util.regex.Pattern;

/** The syntax every DICOM UID the platform keeps has: digits in dot-separated components, at most 64 characters. */
public final class Uids {

    // PS3.5 9.1 without its "no leading zero" rule, which older modalities break and archives tolerate.
    private static final Pattern SYNTAX = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private Uids() {
    }

    /** Whether {@code value} is a UID the platform keeps. */
    public static boolean valid(String value) {
        return !value.isEmpty() && value.length() <= 64 && SYNTAX.matcher(value).matches();
    }

    static String check(String value, String what) {
        if (!valid(value)) {
            throw new IllegalArgumentException("'" + value + "' is not a valid " + what);
        }
        return value;
    }
}
