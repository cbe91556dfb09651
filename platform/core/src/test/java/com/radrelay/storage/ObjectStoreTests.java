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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The object store on the file provider the tests are configured with (radrelay.storage.location = file:...). */
@IntegrationTest
class ObjectStoreTests {

    @Autowired ObjectStore store;
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
        System.arraycopy("PATIENT^SECRET".getBytes(StandardCharsets.US_ASCII), 0, scan, 1000, 14);
    }

    @Test
    void storesUnderTheTenantsFolderAndReadsBack() throws Exception {
        ObjectKey key = new ObjectKey(clinicA.id(), "studies/1.2.3/a.dcm");
        store.put(key, new ByteArrayInputStream(scan));
        assertThat(Files.size(file(key))).isGreaterThan(scan.length);
        assertThat(file(key).toString()).contains("tenants/" + clinicA.id() + "/studies/1.2.3/a.dcm");
        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(scan);
        }
        try (InputStream in = store.openRange(key, 123_456, 70_000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(scan, 123_456, 193_456));
        }
    }

    @Test
    void readsRangesFromTheFirstSegmentToPastTheLastOne() throws Exception {
        ObjectKey key = new ObjectKey(clinicA.id(), "studies/1.2.3/r.dcm");
        store.put(key, new ByteArrayInputStream(scan));
        int segment = settings.segmentSize();
        long[][] ranges = {{1000, 14}, {0, scan.length}, {1000, scan.length - 1000}, {segment - 10, 20},
                {scan.length - 5, 5}, {2L * segment + 3, 0}};
        for (long[] r : ranges) {
            try (InputStream in = store.openRange(key, r[0], r[1])) {
                assertThat(in.readAllBytes()).as("range %d+%d", r[0], r[1])
                        .isEqualTo(Arrays.copyOfRange(scan, (int) r[0], (int) (r[0] + r[1])));
            }
        }
        assertThatThrownBy(() -> store.openRange(key, 1000, scan.length)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFolderHoldsOnlyCiphertext() throws Exception {
        ObjectKey key = new ObjectKey(clinicA.id(), "studies/1.2.3/b.dcm");
        store.put(key, new ByteArrayInputStream(scan));
        byte[] raw = Files.readAllBytes(file(key));
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("PATIENT^SECRET");
    }

    @Test
    void anotherClinicCannotReadTheObjectEvenWhenItIsCopiedIntoItsFolder() throws Exception {
        ObjectKey key = new ObjectKey(clinicA.id(), "studies/1.2.3/c.dcm");
        store.put(key, new ByteArrayInputStream(scan));
        ObjectKey theirs = new ObjectKey(clinicB.id(), "studies/1.2.3/c.dcm");
        assertThatThrownBy(() -> store.open(theirs)).isInstanceOf(FileNotFoundException.class);
        Files.createDirectories(file(theirs).getParent());
        Files.copy(file(key), file(theirs));
        // Clinic B's row-level security cannot see clinic A's data key, so the copy stays unreadable.
        assertThatThrownBy(() -> store.open(theirs).readAllBytes())
                .hasMessageContaining("does not belong to tenant " + clinicB.id());
    }

    @Test
    void anObjectClosedBeforeItsCommitLeavesNothingBehind() throws Exception {
        ObjectKey key = new ObjectKey(clinicA.id(), "studies/1.2.3/abandoned.dcm");
        try (ObjectWriter writer = store.create(key)) {
            writer.write(scan, 0, 200_000);
        }
        assertThat(file(key)).doesNotExist();
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void writersThatStartTogetherInANewFolderAllStoreTheirObjects() throws Exception {
        List<CompletableFuture<ObjectKey>> writes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ObjectKey key = new ObjectKey(clinicA.id(), "studies/9.8." + clinicA.slug().length() + "/series/7/" + i
                    + ".dcm");
            writes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    store.put(key, new ByteArrayInputStream(scan));
                    return key;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (CompletableFuture<ObjectKey> write : writes) {
            try (InputStream in = store.open(write.join())) {
                assertThat(in.readAllBytes()).isEqualTo(scan);
            }
        }
    }

    @Test
    void anObjectNameIsNeverReused() throws Exception {
        ObjectKey key = new ObjectKey(clinicA.id(), "studies/1.2.3/once.dcm");
        store.put(key, new ByteArrayInputStream(scan));
        assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(new byte[10])))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(scan);
        }
    }

    private Path file(ObjectKey key) {
        return Path.of(settings.location().getSchemeSpecificPart()).resolve(key.name());
    }
}
