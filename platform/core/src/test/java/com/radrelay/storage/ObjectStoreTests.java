package com.radrelay.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@IntegrationTest
class ObjectStoreTests {

    @Autowired ObjectStore store;
    @Autowired S3Client s3;
    @Autowired StorageSettings settings;
    @Autowired TenantDirectory directory;

    Tenant clinicA;
    Tenant clinicB;
    byte[] scan;

    @BeforeEach
    void twoClinicsAndAScan() {
        clinicA = Clinics.ruralClinic(directory);
        clinicB = Clinics.ruralClinic(directory);
        scan = new byte[300_000];
        new Random(7).nextBytes(scan);
        System.arraycopy("PATIENT^SECRET".getBytes(), 0, scan, 1000, 14);
    }

    @Test
    void storesUnderTheTenantsPrefixAndReadsBack() throws Exception {
        store.put(clinicA.id(), "studies/1.2.3/a.dcm", content(scan));
        assertThat(s3.headObject(b -> b.bucket(settings.bucket())
                .key("tenants/" + clinicA.id() + "/studies/1.2.3/a.dcm")).contentLength()).isGreaterThan(scan.length);
        try (InputStream in = store.open(clinicA.id(), "studies/1.2.3/a.dcm")) {
            assertThat(in.readAllBytes()).isEqualTo(scan);
        }
        try (InputStream in = store.openRange(clinicA.id(), "studies/1.2.3/a.dcm", 123_456, 70_000)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(scan, 123_456, 193_456));
        }
    }

    @Test
    void readsRangesFromTheFirstSegmentToPastTheLastOne() throws Exception {
        store.put(clinicA.id(), "studies/1.2.3/r.dcm", content(scan));
        int segment = settings.segmentSize();
        long[][] ranges = {{1000, 14}, {0, scan.length}, {1000, scan.length - 1000}, {segment - 10, 20},
                {scan.length - 5, 5}, {2L * segment + 3, 0}};
        for (long[] r : ranges) {
            try (InputStream in = store.openRange(clinicA.id(), "studies/1.2.3/r.dcm", r[0], r[1])) {
                assertThat(in.readAllBytes()).as("range %d+%d", r[0], r[1])
                        .isEqualTo(java.util.Arrays.copyOfRange(scan, (int) r[0], (int) (r[0] + r[1])));
            }
        }
        assertThatThrownBy(() -> store.openRange(clinicA.id(), "studies/1.2.3/r.dcm", 1000, scan.length))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBucketHoldsOnlyCiphertext() throws Exception {
        store.put(clinicA.id(), "studies/1.2.3/b.dcm", content(scan));
        byte[] raw = s3.getObjectAsBytes(b -> b.bucket(settings.bucket())
                .key(ObjectStore.key(clinicA.id(), "studies/1.2.3/b.dcm"))).asByteArray();
        assertThat(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("PATIENT^SECRET");
        assertThat(raw.length).isGreaterThan(scan.length);
    }

    @Test
    void anotherClinicCannotReadTheObjectEvenWhenItIsCopiedUnderItsPrefix() throws Exception {
        store.put(clinicA.id(), "studies/1.2.3/c.dcm", content(scan));
        assertThatThrownBy(() -> store.open(clinicB.id(), "studies/1.2.3/c.dcm"))
                .isInstanceOf(java.io.FileNotFoundException.class);
        byte[] raw = s3.getObjectAsBytes(b -> b.bucket(settings.bucket())
                .key(ObjectStore.key(clinicA.id(), "studies/1.2.3/c.dcm"))).asByteArray();
        s3.putObject(b -> b.bucket(settings.bucket()).key("tenants/" + clinicB.id() + "/studies/1.2.3/c.dcm"),
                RequestBody.fromBytes(raw));
        // Clinic B's row-level security cannot see clinic A's data key, so the copy stays unreadable.
        assertThatThrownBy(() -> store.open(clinicB.id(), "studies/1.2.3/c.dcm").readAllBytes())
                .hasMessageContaining("does not belong to tenant " + clinicB.id());
    }

    @Test
    void refusesPathsThatCouldEscapeThePrefix() {
        assertThatThrownBy(() -> store.put(clinicA.id(), "../" + clinicB.id() + "/x", content(scan)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Content content(byte[] bytes) {
        return new Content() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
