package com.radrelay.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The object store against S3Proxy, a third-party S3 implementation, with the SDK's default signing and checksums. */
@IntegrationTest
class S3ProxyCompatibilityTests {

    static S3Proxy proxy;

    @DynamicPropertySource
    static void pointStorageAtS3Proxy(DynamicPropertyRegistry registry) throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(Files.createTempDirectory("rr-s3proxy").toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "proxy-access", "proxy-secret")
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        registry.add("radrelay.storage.endpoint", () -> "http://127.0.0.1:" + proxy.getPort());
        registry.add("radrelay.storage.access-key", () -> "proxy-access");
        registry.add("radrelay.storage.secret-key", () -> "proxy-secret");
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        proxy.stop();
    }

    @Autowired ObjectStore store;
    @Autowired TenantDirectory directory;

    @Test
    void storesReadsRangesAndDeletesThroughAThirdPartyS3Server() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        byte[] scan = new byte[200_000];
        new Random(3).nextBytes(scan);
        store.put(clinic.id(), "studies/1/x.dcm", new Content() {
            @Override
            public long length() {
                return scan.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(scan);
            }
        });
        try (InputStream in = store.open(clinic.id(), "studies/1/x.dcm")) {
            assertThat(in.readAllBytes()).isEqualTo(scan);
        }
        try (InputStream in = store.openRange(clinic.id(), "studies/1/x.dcm", 65_000, 1_000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(scan, 65_000, 66_000));
        }
        store.delete(clinic.id(), "studies/1/x.dcm");
        assertThatThrownBy(() -> store.open(clinic.id(), "studies/1/x.dcm")).isInstanceOf(FileNotFoundException.class);
    }
}
