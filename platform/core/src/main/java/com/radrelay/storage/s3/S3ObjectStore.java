package com.radrelay.storage.s3;

import com.radrelay.storage.Content;
import com.radrelay.storage.ObjectStore;
import com.radrelay.storage.crypto.DataKey;
import com.radrelay.storage.crypto.SegmentedAead;
import com.radrelay.storage.crypto.TenantKeys;
import com.radrelay.tenancy.TenantId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@link ObjectStore} on any S3-compatible service, with per-tenant envelope encryption done here. */
class S3ObjectStore implements ObjectStore {

    // Up to this size an object is encrypted into memory once rather than streamed (and encrypted) per read.
    private static final long IN_MEMORY_LIMIT = 8L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final TenantKeys keys;
    private final SegmentedAead aead;

    S3ObjectStore(S3Client s3, String bucket, TenantKeys keys, SegmentedAead aead) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keys = keys;
        this.aead = aead;
    }

    @Override
    public void put(TenantId tenant, String path, Content content) throws IOException {
        String key = ObjectStore.key(tenant, path);
        DataKey dataKey = keys.current(tenant);
        byte[] header = aead.newHeader(dataKey);
        RequestBody body = content.length() <= IN_MEMORY_LIMIT
                ? fromArray(sealInMemory(header, dataKey, key, content))
                : sealAsStream(header, dataKey, key, content);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key), body);
        } catch (SdkException e) {
            throw new IOException("storing " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** Encrypted once, up front: a retried upload sends the same bytes again without encrypting them again. */
    private byte[] sealInMemory(byte[] header, DataKey dataKey, String key, Content content) throws IOException {
        try (InputStream in = content.open()) {
            return aead.seal(header, dataKey, key, in, Math.toIntExact(content.length()));
        }
    }

    /** Large objects stream, encrypted on each read of the body. */
    private RequestBody sealAsStream(byte[] header, DataKey dataKey, String key, Content content) {
        return RequestBody.fromContentProvider(() -> {
            try {
                return aead.encrypt(header, dataKey, key, content.open(), content.length());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the content of " + key, e);
            }
        }, aead.encryptedLength(content.length()), "application/octet-stream");
    }

    /** Like {@code RequestBody.fromBytes}, without its defensive copy of an array nobody else holds. */
    private static RequestBody fromArray(byte[] sealed) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(sealed), sealed.length,
                "application/octet-stream");
    }

    @Override
    public InputStream open(TenantId tenant, String path) throws IOException {
        String key = ObjectStore.key(tenant, path);
        ResponseInputStream<GetObjectResponse> in = get(key, null);
        long total = aead.plaintextLength(in.response().contentLength());
        byte[] header = in.readNBytes(SegmentedAead.HEADER_LENGTH);
        return aead.decrypt(key(tenant, header), key, header, in, total, 0, total);
    }

    @Override
    public InputStream openRange(TenantId tenant, String path, long offset, long length) throws IOException {
        String key = ObjectStore.key(tenant, path);
        long from = aead.ciphertextStart(offset);
        // A range in the first segment (the pixel data of every single-frame image) comes in one read with the
        // header; any other first reads the header alone, for the key and the object's length. An end asked for
        // past the object is answered up to its last byte.
        boolean inFirstRead = from == SegmentedAead.HEADER_LENGTH;
        ResponseInputStream<GetObjectResponse> first = get(key, "bytes=0-" + ((inFirstRead
                ? aead.ciphertextEnd(offset, length, Long.MAX_VALUE) : SegmentedAead.HEADER_LENGTH) - 1));
        InputStream body = first;
        try {
            byte[] header = first.readNBytes(SegmentedAead.HEADER_LENGTH);
            long total = aead.plaintextLength(totalFromContentRange(first.response().contentRange()));
            if (!inFirstRead) {
                first.close();
                body = get(key, "bytes=" + from + "-" + (aead.ciphertextEnd(offset, length, total) - 1));
            }
            return aead.decrypt(key(tenant, header), key, header, body, total, offset, length);
        } catch (IOException | RuntimeException e) {
            body.close();
            throw e;
        }
    }

    @Override
    public void delete(TenantId tenant, String path) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(ObjectStore.key(tenant, path)));
        } catch (SdkException e) {
            throw new IOException("deleting " + path + " failed: " + e.getMessage(), e);
        }
    }

    private DataKey key(TenantId tenant, byte[] header) {
        return keys.byId(tenant, SegmentedAead.keyId(header));
    }

    private ResponseInputStream<GetObjectResponse> get(String key, String range) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key).range(range));
        } catch (NoSuchKeyException e) {
            throw new java.io.FileNotFoundException(key);
        } catch (SdkException e) {
            throw new IOException("reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    private static long totalFromContentRange(String contentRange) throws IOException {
        int slash = contentRange == null ? -1 : contentRange.lastIndexOf('/');
        if (slash < 0) {
            throw new IOException("storage answered a range request without Content-Range");
        }
        return Long.parseLong(contentRange.substring(slash + 1));
    }
}
