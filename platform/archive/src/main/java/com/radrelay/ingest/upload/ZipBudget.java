package com.radrelay.ingest.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what a zip archive has taken in and given out while it is read as a stream, and stops it once it has
 * expanded beyond a ratio of what it took in, or beyond a total: a zip bomb is refused long before it fills a disk
 * or keeps a processor busy for hours.
 */
final class ZipBudget {

    /** Zip archives smaller than this may expand beyond the ratio: tiny ones of blank images do. */
    private static final long GRACE = 1024 * 1024;

    private final Counting packed;
    private final int maxRatio;
    private final long maxUnpacked;
    private long unpacked;
    private String reason = "";

    ZipBudget(InputStream archive, int maxRatio, long maxUnpacked) {
        this.packed = new Counting(archive);
        this.maxRatio = maxRatio;
        this.maxUnpacked = maxUnpacked;
    }

    InputStream packed() {
        return packed;
    }

    /** The current entry of {@code zip}, counted; closing it leaves the archive open. */
    InputStream unpacked(InputStream zip) {
        return new FilterInputStream(zip) {
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

    boolean exceeded() {
        return !reason.isEmpty();
    }

    String reason() {
        return reason;
    }

    private void spend(int n) throws Exceeded {
        unpacked += n;
        if (unpacked > maxUnpacked) {
            reason = "expands to more than " + maxUnpacked / (1024 * 1024) + " MB: refused as a zip bomb";
        } else if (unpacked > (long) maxRatio * Math.max(packed.count, GRACE)) {
            reason = "expands more than " + maxRatio + " times its size: refused as a zip bomb";
        }
        if (exceeded()) {
            throw new Exceeded(reason);
        }
    }

    static final class Exceeded extends IOException {
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
