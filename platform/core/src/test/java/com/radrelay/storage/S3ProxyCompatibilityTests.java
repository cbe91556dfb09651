package com.radrelay.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The S3 provider against S3Proxy, a third-party S3 implementation running in-process, with the SDK's default
 * signing and checksums: single PUTs, multipart uploads and range reads, through the same encryption.
 */
@IntegrationTest
class S3ProxyCompatibilityTests {

    static Path proxyFolder;
    static S3Proxy proxy;

    @DynamicPropertySource
    static void pointStorageAtS3Proxy(DynamicPropertyRegistry registry) throws Exception {
        proxyFolder = Files.createTempDirectory("rr-s3proxy");
        proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(proxyFolder.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "proxy-access", "proxy-secret")
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        registry.add("radrelay.storage.location", () -> "s3://radrelay-test/archive");
        registry.add("radrelay.storage.endpoint", () -> "http://127.0.0.1:" + proxy.getPort());
        registry.add("radrelay.storage.access-key", () -> "proxy-access");
        registry.add("radrelay.storage.secret-key", () -> "proxy-secret");
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        proxy.stop();
        try (Stream<Path> files = Files.walk(proxyFolder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Autowired ObjectStore store;
    @Autowired StorageSettings settings;
    @Autowired TenantDirectory directory;

    @Test
    void storesReadsRangesAndDeletesThroughAThirdPartyS3Server() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        byte[] scan = new byte[200_000];
        new Random(3).nextBytes(scan);
        ObjectKey key = new ObjectKey(clinic.id(), "studies/1/x.dcm");
        store.put(key, new ByteArrayInputStream(scan));
        assertThat(Files.exists(proxyFolder.resolve("radrelay-test/archive/" + key.name()))).isTrue();
        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(scan);
        }
        try (InputStream in = store.openRange(key, 65_000, 1_000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(scan, 65_000, 66_000));
        }
        store.delete(key);
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void anInstanceOfMoreThanAHundredMegabytesGoesUpInPartsAndComesBackWholeAndInRanges() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        long size = 120L * 1024 * 1024 + 12_345;
        ObjectKey key = new ObjectKey(clinic.id(), "studies/2/series/3/large.dcm");
        store.put(key, new Positional(0, size));
        long parts = (size + settings.partSize().toBytes() - 1) / settings.partSize().toBytes();
        assertThat(parts).as("parts of the upload").isGreaterThan(10);
        try (InputStream in = store.open(key)) {
            assertThat(sha256(in)).isEqualTo(sha256(new Positional(0, size)));
        }
        // Ranges inside a part, across a part boundary and at the very end.
        long boundary = settings.partSize().toBytes();
        for (long[] r : new long[][] {{5_000_000, 70_000}, {boundary - 100_000, 300_000}, {size - 777, 777}}) {
            try (InputStream in = store.openRange(key, r[0], r[1])) {
                assertThat(in.readAllBytes()).as("range %d+%d", r[0], r[1])
                        .isEqualTo(new Positional(r[0], r[1]).readAllBytes());
            }
        }
    }

    @Test
    void anUploadAbandonedHalfWayLeavesNoObject() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        ObjectKey key = new ObjectKey(clinic.id(), "studies/3/abandoned.dcm");
        try (ObjectWriter writer = store.create(key)) {
            new Positional(0, 20L * 1024 * 1024).transferTo(writer);
        }
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(FileNotFoundException.class);
    }

    private static byte[] sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            digest.update(buf, 0, n);
        }
        return digest.digest();
    }

    /** Bytes that depend only on their position, so any range of a huge object can be produced again. */
    private static final class Positional extends InputStream {

        private long position;
        private final long end;

        Positional(long from, long length) {
            this.position = from;
            this.end = from + length;
        }

        private static byte at(long p) {
            long x = p * 0x9E3779B97F4A7C15L;
            return (byte) (x >>> 29 ^ x >>> 53);
        }

        @Override
        public int read() {
            return position < end ? at(position++) & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = (int) Math.min(len, end - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = at(position++);
            }
            return n;
        }
    }
}
