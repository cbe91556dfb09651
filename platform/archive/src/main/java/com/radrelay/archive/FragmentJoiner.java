package com.radrelay.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a span of the stored object that holds several fragments and yields only their values, skipping the
 * item headers in between: one compressed frame as one bit stream.
 */
final class FragmentJoiner extends FilterInputStream {

    private final List<long[]> fragments;
    private long position;
    private int current;

    FragmentJoiner(InputStream span, List<long[]> fragments) {
        super(span);
        this.fragments = fragments;
        this.position = fragments.getFirst()[0];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (current < fragments.size()) {
            long[] f = fragments.get(current);
            if (position < f[0]) {
                in.skipNBytes(f[0] - position);
                position = f[0];
            }
            long left = f[0] + f[1] - position;
            if (left == 0) {
                current++;
                continue;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("stored object ends inside a fragment");
            }
            position += n;
            return n;
        }
        return -1;
    }
}
