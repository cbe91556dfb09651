package com.radrelay.ingest.inflation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what compressed input (a zip archive, a gzip body) has taken in and given out while it is read as a
 * stream, and stops it once it has expanded beyond a ratio of what it took in, or beyond a total: a compression
 * bomb is refused long before it fills a disk or keeps a processor busy for hours.
 */
public final class InflationBudget {

    /** Inputs smaller than this may expand beyond the ratio: tiny archives of blank images do. */
    private static final long GRACE = 1024 * 1024;

    private final Counting packed;
    private final int maxRatio;
    private final long maxUnpacked;
    private final String kind;
    private long unpacked;
    private String reason = "";

    /** {@code kind} names the input in the refusal: "zip" gives "refused as a zip bomb". */
    public InflationBudget(InputStream compressed, int maxRatio, long maxUnpacked, String kind) {
        this.packed = new Counting(compressed);
        this.maxRatio = maxRatio;
        this.maxUnpacked = maxUnpacked;
        this.kind = kind;
    }

    public InputStream packed() {
        return packed;
    }

    /** What {@code inflating} (reading from {@link #packed()}) gives out, counted; closing it closes nothing. */
    public InputStream unpacked(InputStream inflating) {
        return new FilterInputStream(inflating) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    spend(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    spend(n);
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    public boolean exceeded() {
        return !reason.isEmpty();
    }

    public String reason() {
        return reason;
    }

    private void spend(int n) throws Exceeded {
        unpacked += n;
        if (unpacked > maxUnpacked) {
            reason = "expands to more than " + maxUnpacked / (1024 * 1024) + " MB: refused as a " + kind + " bomb";
        } else if (unpacked > (long) maxRatio * Math.max(packed.count, GRACE)) {
            reason = "expands more than " + maxRatio + " times its size: refused as a " + kind + " bomb";
        }
        if (exceeded()) {
            throw new Exceeded(reason);
        }
    }

    /** Thrown by a read that went beyond the budget; {@link #reason()} says which limit. */
    public static final class Exceeded extends IOException {
        Exceeded(String reason) {
            super(reason);
        }
    }

    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
