package com.radrelay.ingest.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body read up to a limit: a chunked body, whose length nobody declared, is stopped where it passes it. */
final class BodyLimit extends FilterInputStream {

    private final long max;
    private long read;

    BodyLimit(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    static String refusal(long max) {
        return "the request body is longer than the " + max / (1024 * 1024) + " MB one request may send: send the "
                + "instances in several requests";
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws Exceeded {
        read += n;
        if (read > max) {
            throw new Exceeded(refusal(max));
        }
    }

    /** Thrown by the read that went past the limit. */
    static final class Exceeded extends IOException {
        Exceeded(String message) {
            super(message);
        }
    }
}
