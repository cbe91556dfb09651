package com.radrelay.storage.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Streaming authenticated encryption: AES-256-GCM over fixed-size segments (the STREAM construction), so
 * objects of any size encrypt and decrypt in constant memory, and any byte range can be read by decrypting
 * only the segments that cover it. Each segment's nonce holds its index and a last-segment flag, and every
 * segment is bound to the header and the object's name, so segments cannot be reordered, dropped, truncated or
 * moved to another object without failing authentication.
 *
 * <p>Objects are written in format 2: each has a key of its own, derived from the clinic's data key and a random
 * salt with HKDF-SHA256 (as Tink's streaming AEAD does), so no number of objects under one data key ever brings GCM
 * near its nonce limits. Format 1 objects (the data key itself, a random 56-bit nonce prefix) stay readable.
 *
 * <pre>
 * format 1: header = "RRE1" | key id (16) | segment size (4) | nonce prefix (7) | reserved (1)       32 bytes
 *           segment = AES-GCM(data key, prefix | index (4) | last (1), plaintext, aad = header | name)
 * format 2: header = "RRE2" | key id (16) | log2 segment size (1) | salt (11)                        32 bytes
 *           segment = AES-GCM(HKDF(data key, salt), 0 (7) | index (4) | last (1), plaintext, aad = header | name)
 * </pre>
 */
public final class SegmentedAead {

    public static final int HEADER_LENGTH = 32;
    public static final int TAG_LENGTH = 16;
    private static final byte[] FORMAT_1 = "RRE1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORMAT_2 = "RRE2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HKDF_INFO = "RadRelay object key, format 2".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int segmentSize;

    public SegmentedAead(int segmentSize) {
        if (segmentSize < 1024 || Integer.bitCount(segmentSize) != 1) {
            throw new IllegalArgumentException("segment size must be a power of two of at least 1 KiB");
        }
        this.segmentSize = segmentSize;
    }

    public long encryptedLength(long plaintextLength) {
        return HEADER_LENGTH + plaintextLength + (long) segments(plaintextLength) * TAG_LENGTH;
    }

    /** Inverts {@link #encryptedLength}: every segment but the last carries exactly segmentSize + tag bytes. */
    public long plaintextLength(long encryptedLength) {
        long body = encryptedLength - HEADER_LENGTH;
        long segments = Math.max(1, (body + segmentSize + TAG_LENGTH - 1) / (segmentSize + TAG_LENGTH));
        return body - segments * TAG_LENGTH;
    }

    private long segments(long plaintextLength) {
        return Math.max(1, (plaintextLength + segmentSize - 1) / segmentSize);
    }

    /** A fresh format 2 header (a random salt, so a key of its own) for one object. */
    public byte[] newHeader(DataKey key) {
        byte[] header = new byte[HEADER_LENGTH];
        byte[] salt = new byte[11];
        RANDOM.nextBytes(salt);
        ByteBuffer.wrap(header).put(FORMAT_2).put(uuidBytes(key.id()))
                .put((byte) Integer.numberOfTrailingZeros(segmentSize)).put(salt);
        return header;
    }

    /**
     * Encrypts what is written to it into {@code sink}, header first: each segment as soon as the next byte after it
     * arrives, the last one by {@link Sealing#finish()}, so the length need not be known in advance. The same
     * header and plaintext always give the same bytes.
     */
    public Sealing sealing(byte[] header, DataKey key, String objectName, OutputStream sink) throws IOException {
        checkHeader(header);
        sink.write(header);
        return new Sealing(segmentKey(header, key), noncePrefix(header), aad(header, objectName), sink);
    }

    /** The key id an encrypted object's header names, so the right tenant key can be fetched. */
    public static UUID keyId(byte[] header) {
        checkHeader(header);
        ByteBuffer b = ByteBuffer.wrap(header, 4, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /**
     * Decrypts plaintext bytes {@code [offset, offset + length)} from {@code ciphertext}, which starts at the
     * first segment that covers {@code offset} (the header is passed separately). {@code totalPlaintext} is the
     * object's full plaintext length, needed to recognise the last segment.
     */
    public InputStream decrypt(DataKey key, String objectName, byte[] header, InputStream ciphertext,
            long totalPlaintext, long offset, long length) {
        checkHeader(header);
        int written = format2(header) ? 1 << (header[20] & 0x1F) : ByteBuffer.wrap(header, 20, 4).getInt();
        if (written != segmentSize) {
            throw new IllegalArgumentException("object was written with another segment size");
        }
        if (offset < 0 || length < 0 || offset + length > totalPlaintext) {
            throw new IllegalArgumentException("range outside the object");
        }
        return new Decrypting(segmentKey(header, key), noncePrefix(header), aad(header, objectName), ciphertext,
                totalPlaintext, offset, length);
    }

    /** Where the segments covering plaintext {@code [offset, offset + length)} start in the encrypted object. */
    public long ciphertextStart(long offset) {
        return HEADER_LENGTH + (offset / segmentSize) * (long) (segmentSize + TAG_LENGTH);
    }

    /** One past the last encrypted byte needed for plaintext {@code [offset, offset + length)}. */
    public long ciphertextEnd(long offset, long length, long totalPlaintext) {
        long lastSegment = length == 0 ? offset / segmentSize : (offset + length - 1) / segmentSize;
        long segmentEnd = Math.min((lastSegment + 1) * (long) segmentSize, totalPlaintext);
        return HEADER_LENGTH + segmentEnd + (lastSegment + 1) * TAG_LENGTH;
    }

    private static void checkHeader(byte[] header) {
        if (header.length != HEADER_LENGTH || !(format2(header) || Arrays.equals(header, 0, 4, FORMAT_1, 0, 4))) {
            throw new IllegalArgumentException("not a RadRelay encrypted object");
        }
    }

    private static boolean format2(byte[] header) {
        return Arrays.equals(header, 0, 4, FORMAT_2, 0, 4);
    }

    /** Format 2: the object's own key, HKDF-SHA256 (RFC 5869) of the data key with the header's salt. */
    private static SecretKey segmentKey(byte[] header, DataKey key) {
        if (!format2(header)) {
            return key.secret();
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Arrays.copyOfRange(header, 21, 32), "HmacSHA256"));
            byte[] pseudoRandom = hmac.doFinal(key.secret().getEncoded());
            hmac.init(new SecretKeySpec(pseudoRandom, "HmacSHA256"));
            hmac.update(HKDF_INFO);
            hmac.update((byte) 1);
            return new SecretKeySpec(hmac.doFinal(), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Format 1 draws the nonce's first 7 bytes at random; format 2's key is the object's own, so they are zero. */
    private static byte[] noncePrefix(byte[] header) {
        return format2(header) ? new byte[7] : Arrays.copyOfRange(header, 24, 31);
    }

    private static byte[] aad(byte[] header, String objectName) {
        byte[] name = objectName.getBytes(StandardCharsets.UTF_8);
        byte[] aad = Arrays.copyOf(header, header.length + name.length);
        System.arraycopy(name, 0, aad, header.length, name.length);
        return aad;
    }

    private static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Readies {@code c} (one per stream: looking a cipher up costs more than sealing a segment) for one segment. */
    private static Cipher init(Cipher c, int mode, SecretKey key, byte[] prefix, long index, boolean last,
            byte[] aad) {
        byte[] nonce = new byte[12];
        System.arraycopy(prefix, 0, nonce, 0, 7);
        ByteBuffer.wrap(nonce, 7, 5).putInt(Math.toIntExact(index)).put((byte) (last ? 1 : 0));
        try {
            c.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            c.updateAAD(aad);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plaintext in, sealed segments out; {@link #finish()} seals the last segment (it may be empty). */
    public final class Sealing extends OutputStream {

        private final SecretKey key;
        private final byte[] prefix;
        private final byte[] aad;
        private final OutputStream sink;
        private final byte[] segment = new byte[segmentSize];
        private final byte[] sealed = new byte[segmentSize + TAG_LENGTH];
        private final Cipher cipher = newCipher();
        private int filled;
        private long index;
        private boolean finished;

        private Sealing(SecretKey key, byte[] prefix, byte[] aad, OutputStream sink) {
            this.key = key;
            this.prefix = prefix;
            this.aad = aad;
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (finished) {
                throw new IOException("the object is already sealed");
            }
            while (len > 0) {
                // A full segment is sealed only when more follows: until then it may be the last one.
                if (filled == segmentSize) {
                    seal(false);
                }
                int n = Math.min(len, segmentSize - filled);
                System.arraycopy(b, off, segment, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        /** Seals the last segment into the sink; the sink stays open. */
        public void finish() throws IOException {
            if (!finished) {
                seal(true);
                finished = true;
                sink.flush();
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                int n = init(cipher, Cipher.ENCRYPT_MODE, key, prefix, index++, last, aad)
                        .doFinal(segment, 0, filled, sealed, 0);
                sink.write(sealed, 0, n);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            filled = 0;
        }

        /** Closing without {@link #finish()} leaves the object incomplete: its writer discards it. */
        @Override
        public void close() {
        }
    }

    private final class Decrypting extends SegmentStream {

        private final InputStream ciphertext;
        private final Cipher cipher = newCipher();
        private final long total;
        private final long lastIndex;
        private long skip;
        private long remaining;

        Decrypting(SecretKey key, byte[] prefix, byte[] aad, InputStream ciphertext, long total, long offset,
                long length) {
            super(key, prefix, aad);
            this.ciphertext = ciphertext;
            this.total = total;
            this.lastIndex = segments(total) - 1;
            this.index = offset / segmentSize;
            this.skip = offset % segmentSize;
            this.remaining = length;
        }

        @Override
        byte[] next() throws IOException {
            if (remaining == 0) {
                return null;
            }
            int plainSize = (int) Math.min(segmentSize, total - index * (long) segmentSize);
            byte[] sealed = ciphertext.readNBytes(plainSize + TAG_LENGTH);
            if (sealed.length != plainSize + TAG_LENGTH) {
                throw new IOException("encrypted object is truncated at segment " + index);
            }
            byte[] plain;
            try {
                plain = init(cipher, Cipher.DECRYPT_MODE, key, prefix, index, index == lastIndex, aad).doFinal(sealed);
            } catch (GeneralSecurityException e) {
                throw new IOException("segment " + index + " fails authentication: the object was altered", e);
            }
            index++;
            int from = (int) skip;
            int to = (int) Math.min(plain.length, from + remaining);
            skip = 0;
            remaining -= to - from;
            return from == 0 && to == plain.length ? plain : Arrays.copyOfRange(plain, from, to);
        }

        @Override
        public void close() throws IOException {
            ciphertext.close();
        }
    }

    /** Serves a sequence of byte chunks as one stream. */
    private abstract static class SegmentStream extends InputStream {

        final SecretKey key;
        final byte[] prefix;
        final byte[] aad;
        long index;
        private byte[] chunk = new byte[0];
        private int pos;
        private boolean done;

        SegmentStream(SecretKey key, byte[] prefix, byte[] aad) {
            this.key = key;
            this.prefix = prefix;
            this.aad = aad;
        }

        abstract byte[] next() throws IOException;

        private boolean fill() throws IOException {
            while (!done && pos == chunk.length) {
                byte[] n = next();
                if (n == null) {
                    done = true;
                } else {
                    chunk = n;
                    pos = 0;
                }
            }
            return pos < chunk.length;
        }

        @Override
        public int read() throws IOException {
            return fill() ? chunk[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
