package com.radrelay.security;

import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address as RadRelay keeps it: trimmed, lower-case, one @ with a dotted domain after it. */
public record EmailAddress(String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)+");

    public EmailAddress {
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an e-mail address");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
