package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.archive.ArchiveSettings.DuplicatePolicy;
import com.radrelay.audit.AuditLog;
import com.radrelay.storage.ObjectStore;
import com.radrelay.storage.StorageSettings;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import com.radrelay.workflow.SopInstanceUid;
import com.radrelay.workflow.StudyUid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The same SOP instance sent twice, one by one and within one batch, under both duplicate policies: one copy is
 * indexed and kept in storage, and it is the first (keep first) or the last (replace) - also when a batch writes
 * several instances at once.
 */
@IntegrationTest
class DuplicatePolicyTests {

    @Autowired ArchiveSettings settings;
    @Autowired ObjectStore objects;
    @Autowired ArchiveIndex index;
    @Autowired IndexCommits commits;
    @Autowired AuditLog audit;
    @Autowired StudyArchive archive;
    @Autowired TenantDirectory directory;
    @Autowired StorageSettings storage;

    @TempDir Path dir;
    TenantId clinic;
    Path first;
    Path second;
    Path other;
    String study;
    String series;
    String sop;
    String otherSop;

    @BeforeEach
    void oneInstanceInTwoVersions() throws IOException {
        clinic = Clinics.ruralClinic(directory).id();
        study = Studies.uid();
        series = Studies.uid();
        Attributes ds = Studies.base(UID.CTImageStorage, study, series, "CT", "Achieng^Mary", "KE-3001");
        ds.setInt(Tag.InstanceNumber, VR.IS, 1);
        sop = ds.getString(Tag.SOPInstanceUID);
        Studies.pixels(ds, 64, 64, 16, 1, new Random(1));
        first = Studies.write(dir.resolve("first"), ds);
        Studies.pixels(ds, 64, 64, 16, 1, new Random(2));
        second = Studies.write(dir.resolve("second"), ds);
        Attributes next = Studies.base(UID.CTImageStorage, study, series, "CT", "Achieng^Mary", "KE-3001");
        next.setInt(Tag.InstanceNumber, VR.IS, 2);
        otherSop = next.getString(Tag.SOPInstanceUID);
        Studies.pixels(next, 64, 64, 16, 1, new Random(3));
        other = Studies.write(dir.resolve("other"), next);
    }

    @Test
    void keepFirstKeepsTheFirstCopyOnly() throws IOException {
        InstanceStore store = store(DuplicatePolicy.KEEP_FIRST);
        assertThat(store.store(request(first))).isInstanceOf(StoreResult.Stored.class);
        assertThat(store.store(request(second))).isInstanceOf(StoreResult.Duplicate.class);
        assertThat(kept()).isEqualTo(Files.readAllBytes(first));
        assertThat(objectsOfTheClinic()).as("no copy left behind").hasSize(1);
    }

    @Test
    void replaceKeepsTheLastCopyAndRemovesTheFirstObject() throws IOException {
        InstanceStore store = store(DuplicatePolicy.REPLACE);
        assertThat(store.store(request(first))).isInstanceOf(StoreResult.Stored.class);
        assertThat(store.store(request(second))).isInstanceOf(StoreResult.Stored.class);
        assertThat(kept()).isEqualTo(Files.readAllBytes(second));
        assertThat(objectsOfTheClinic()).as("no copy left behind").hasSize(1);
    }

    @Test
    void inABatchTheCopiesCountInTheOrderTheyCame() throws IOException {
        List<StoreResult> keepFirst = inOneBatch(store(DuplicatePolicy.KEEP_FIRST), first, other, second);
        assertThat(keepFirst).extracting(StoreResult::sopInstanceUid).containsExactly(sop, otherSop, sop);
        assertThat(keepFirst).map(Object::getClass).containsExactly(StoreResult.Stored.class,
                StoreResult.Stored.class, StoreResult.Duplicate.class);
        assertThat(kept()).isEqualTo(Files.readAllBytes(first));

        List<StoreResult> replace = inOneBatch(store(DuplicatePolicy.REPLACE), second, other, first, second);
        assertThat(replace).allSatisfy(r -> assertThat(r.status()).isZero());
        assertThat(kept()).as("the last copy sent").isEqualTo(Files.readAllBytes(second));
        assertThat(objectsOfTheClinic()).as("one object per instance").hasSize(2);
    }

    private InstanceStore store(DuplicatePolicy policy) {
        ArchiveSettings s = settings;
        return new InstanceStore(new ArchiveSettings(policy, s.stableAfter(), s.stabilityCheckEvery(),
                s.spoolInMemory(), s.spoolDir(), s.batchInFlight(), s.maxSequenceDepth(), s.maxInstanceMemory(),
                s.maxFrameDimension(), s.maxFrameBytes(), s.maxQueryResults(), s.statisticsCheckEvery()), objects,
                commits, audit);
    }

    private List<StoreResult> inOneBatch(InstanceStore store, Path... files) throws IOException {
        StoreBatch batch = store.batch();
        List<CompletableFuture<StoreResult>> pending = new ArrayList<>();
        for (Path file : files) {
            pending.add(batch.add(request(file)));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private StoreRequest request(Path file) throws IOException {
        InputStream in = new ByteArrayInputStream(Files.readAllBytes(file));
        return new StoreRequest.File(clinic, in, "stow:test", null);
    }

    private byte[] kept() throws IOException {
        List<StoredInstance> found = archive.instances(clinic, new StudyUid(study), null, new SopInstanceUid(sop));
        assertThat(found).hasSize(1);
        try (InputStream in = archive.open(found.getFirst())) {
            return in.readAllBytes();
        }
    }

    /** The clinic's objects in the object store's folder, whatever the index says (names are opaque ids). */
    private List<Path> objectsOfTheClinic() throws IOException {
        Path folder = Path.of(storage.location().getSchemeSpecificPart()).resolve("tenants")
                .resolve(clinic.toString()).resolve("instances");
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
