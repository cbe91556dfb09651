package com.radrelay.worklist;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An AI model's latest word on a study as the worklist keeps it: which version said what, or that it failed. */
public record AiNote(String model, String version, boolean failed, String text) {

    private static final Pattern LINE = Pattern.compile("([a-z0-9][a-z0-9-]*) (\\S+)( failed)?: (.*)", Pattern.DOTALL);

    /** The line shown to people: {@code head-ct 1: finding} or {@code head-ct 1 failed: timeout}. */
    public String line() {
        return model + " " + version + (failed ? " failed: " : ": ") + text;
    }

    static AiNote parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an AI note: " + line);
        }
        return new AiNote(m.group(1), m.group(2), m.group(3) != null, m.group(4));
    }
}
