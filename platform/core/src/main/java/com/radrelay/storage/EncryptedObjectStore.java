package com.radrelay.storage;

import com.radrelay.storage.crypto.DataKey;
import com.radrelay.storage.crypto.SegmentedAead;
import com.radrelay.storage.crypto.TenantKeys;
import com.radrelay.storage.spi.BlobStore;
import com.radrelay.storage.spi.BlobWriter;
import java.io.IOException;
import java.io.InputStream;

/** {@link ObjectStore} over any provider's blobs, with the per-tenant envelope encryption done here. */
final class EncryptedObjectStore implements ObjectStore {

    private final BlobStore blobs;
    private final TenantKeys keys;
    private final SegmentedAead aead;

    EncryptedObjectStore(BlobStore blobs, TenantKeys keys, SegmentedAead aead) {
        this.blobs = blobs;
        this.keys = keys;
        this.aead = aead;
    }

    @Override
    public ObjectWriter create(ObjectKey key) throws IOException {
        DataKey dataKey = keys.current(key.tenant());
        BlobWriter blob = blobs.create(key.name());
        try {
            return new Writer(aead.sealing(aead.newHeader(dataKey), dataKey, key.name(), blob), blob);
        } catch (IOException | RuntimeException e) {
            blob.close();
            throw e;
        }
    }

    @Override
    public InputStream open(ObjectKey key) throws IOException {
        BlobStore.Blob blob = blobs.read(key.name(), 0, -1);
        InputStream in = blob.data();
        try {
            byte[] header = in.readNBytes(SegmentedAead.HEADER_LENGTH);
            long total = aead.plaintextLength(blob.totalLength());
            return aead.decrypt(dataKey(key, header), key.name(), header, in, total, 0, total);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public InputStream openRange(ObjectKey key, long offset, long length) throws IOException {
        String name = key.name();
        long from = aead.ciphertextStart(offset);
        // A range in the first segment (the pixel data of every single-frame image) comes in one read with the
        // header; any other first reads the header alone, for the key and the object's length.
        boolean inFirstRead = from == SegmentedAead.HEADER_LENGTH;
        BlobStore.Blob first = blobs.read(name, 0, inFirstRead
                ? aead.ciphertextEnd(offset, length, Long.MAX_VALUE) : SegmentedAead.HEADER_LENGTH);
        InputStream body = first.data();
        try {
            byte[] header = body.readNBytes(SegmentedAead.HEADER_LENGTH);
            long total = aead.plaintextLength(first.totalLength());
            if (!inFirstRead) {
                body.close();
                body = blobs.read(name, from, aead.ciphertextEnd(offset, length, total)).data();
            }
            return aead.decrypt(dataKey(key, header), name, header, body, total, offset, length);
        } catch (IOException | RuntimeException e) {
            body.close();
            throw e;
        }
    }

    @Override
    public void delete(ObjectKey key) throws IOException {
        blobs.delete(key.name());
    }

    private DataKey dataKey(ObjectKey key, byte[] header) {
        return keys.byId(key.tenant(), SegmentedAead.keyId(header));
    }

    /** Plaintext in, sealed segments into the blob; the blob is committed after the last segment. */
    private static final class Writer extends ObjectWriter {

        private final SegmentedAead.Sealing sealing;
        private final BlobWriter blob;

        Writer(SegmentedAead.Sealing sealing, BlobWriter blob) {
            this.sealing = sealing;
            this.blob = blob;
        }

        @Override
        public void write(int b) throws IOException {
            sealing.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            sealing.write(b, off, len);
        }

        @Override
        public void commit() throws IOException {
            sealing.finish();
            blob.commit();
        }

        @Override
        public void close() throws IOException {
            blob.close();
        }
    }
}
