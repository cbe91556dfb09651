package com.radrelay.archive.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies every byte read (and every byte skipped) to a sink: parsing and spooling in one pass. */
final class TeeInputStream extends FilterInputStream {

    private final OutputStream sink;
    private final byte[] skipBuffer = new byte[16 * 1024];

    TeeInputStream(InputStream in, OutputStream sink) {
        super(in);
        this.sink = sink;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sink.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            sink.write(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        int read = read(skipBuffer, 0, (int) Math.min(n, skipBuffer.length));
        return Math.max(read, 0);
    }

    /** Reads the rest of the input into the sink; returns how many bytes that was. */
    long drain() throws IOException {
        long total = 0;
        int n;
        while ((n = read(skipBuffer, 0, skipBuffer.length)) > 0) {
            total += n;
        }
        return total;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // The caller owns the underlying stream (a DIMSE data stream or a multipart part).
    }
}
