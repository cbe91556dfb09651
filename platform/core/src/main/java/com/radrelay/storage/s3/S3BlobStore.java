package com.radrelay.storage.s3;

import com.radrelay.storage.spi.BlobStore;
import com.radrelay.storage.spi.BlobWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Blobs as objects in an S3 bucket under a key prefix. A blob up to one part is sent with a single PUT; a larger
 * one as a multipart upload, part by part while it is written, so memory holds one part at a time. Each part is
 * kept until S3 acknowledges it, so the SDK can retry it.
 */
final class S3BlobStore implements BlobStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int partSize;

    S3BlobStore(S3Client s3, String bucket, String prefix, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.partSize = partSize;
    }

    @Override
    public BlobWriter create(String name) {
        return new Writer(prefix + name);
    }

    @Override
    public Blob read(String name, long from, long to) throws IOException {
        String key = prefix + name;
        String range = "bytes=" + from + "-" + (to < 0 ? "" : Long.toString(to - 1));
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = s3.getObject(b -> b.bucket(bucket).key(key).range(range));
        } catch (NoSuchKeyException e) {
            throw new FileNotFoundException(key);
        } catch (SdkException e) {
            throw new IOException("reading " + key + " failed: " + e.getMessage(), e);
        }
        String contentRange = in.response().contentRange();
        int slash = contentRange == null ? -1 : contentRange.lastIndexOf('/');
        if (slash < 0) {
            in.close();
            throw new IOException("storage answered a range request for " + key + " without Content-Range");
        }
        return new Blob(in, Long.parseLong(contentRange.substring(slash + 1)));
    }

    @Override
    public void delete(String name) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + name));
        } catch (SdkException e) {
            throw new IOException("deleting " + prefix + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private final class Writer extends BlobWriter {

        private final String key;
        private final Part part = new Part();
        private final List<CompletedPart> sent = new ArrayList<>();
        private @Nullable String uploadId;
        private boolean done;

        Writer(String key) {
            this.key = key;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (part.size() == partSize) {
                    sendPart();
                }
                int n = Math.min(len, partSize - part.size());
                part.write(b, off, n);
                off += n;
                len -= n;
            }
        }

        private void sendPart() throws IOException {
            try {
                if (uploadId == null) {
                    uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
                }
                String upload = uploadId;
                int number = sent.size() + 1;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(number),
                        part.body()).eTag();
                sent.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            } catch (SdkException e) {
                throw new IOException("storing part " + (sent.size() + 1) + " of " + key + " failed: "
                        + e.getMessage(), e);
            }
            part.reset();
        }

        @Override
        public void commit() throws IOException {
            try {
                if (uploadId == null) {
                    s3.putObject(b -> b.bucket(bucket).key(key), part.body());
                } else {
                    sendPart();
                    String upload = uploadId;
                    s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                            .multipartUpload(u -> u.parts(sent)));
                }
            } catch (SdkException e) {
                throw new IOException("storing " + key + " failed: " + e.getMessage(), e);
            }
            done = true;
        }

        @Override
        public void close() {
            if (!done && uploadId != null) {
                String upload = uploadId;
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload));
                } catch (SdkException e) {
                    // A bucket lifecycle rule for incomplete uploads removes what is left.
                }
            }
            done = true;
        }
    }

    /** One part's bytes, sent from the buffer itself without a copy. */
    private static final class Part extends ByteArrayOutputStream {

        RequestBody body() {
            byte[] bytes = buf;
            int length = count;
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                    "application/octet-stream");
        }
    }
}
