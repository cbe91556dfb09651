package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.storage.ObjectKey;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import com.radrelay.workflow.StudyUid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Group commit of index rows: instances that wait together commit together, and one bad object spoils none. */
@IntegrationTest
class IndexCommitsTests {

    @Autowired IndexCommits commits;
    @Autowired StudyArchive archive;
    @Autowired TenantDirectory directory;

    TenantId clinic;
    String study;
    String series;

    @BeforeEach
    void aClinicAndASeries() {
        clinic = Clinics.ruralClinic(directory).id();
        study = Studies.uid();
        series = Studies.uid();
    }

    @Test
    void instancesThatArriveWhileATransactionRunsAreAllIndexedAndAnObjectThatFailsTakesOnlyItself()
            throws Exception {
        // The first object is slow, so the others queue behind its transaction and commit in the next one.
        CompletableFuture<Void> slow = new CompletableFuture<>();
        CompletableFuture<Void> broken = CompletableFuture.failedFuture(
                new UncheckedIOException(new IOException("the disk is full")));
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<SaveOutcome>> saved = new ArrayList<>();
        List<String> sops = new ArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        for (int i = 0; i < 8; i++) {
            String sop = Studies.uid();
            sops.add(sop);
            CompletableFuture<Void> durable = i == 0 ? slow : i == 5 ? broken : CompletableFuture.completedFuture(null);
            saved.add(threads.submit(() -> {
                if (!sop.equals(sops.getFirst())) {
                    first.await();
                }
                return commits.save(clinic, row(sop), false, durable);
            }));
            if (i == 0) {
                Thread.sleep(200);
                first.countDown();
            }
        }
        Thread.sleep(300);
        slow.complete(null);
        for (int i = 0; i < 8; i++) {
            if (i == 5) {
                int failed = i;
                assertThatThrownBy(() -> saved.get(failed).get()).hasCauseInstanceOf(IndexCommits.ObjectFailed.class)
                        .hasMessageContaining("the disk is full");
            } else {
                assertThat(saved.get(i).get()).isInstanceOf(SaveOutcome.Inserted.class);
            }
        }
        List<String> indexed = archive.instances(clinic, new StudyUid(study), null, null).stream()
                .map(s -> s.sop().value()).toList();
        List<String> expected = new ArrayList<>(sops);
        expected.remove(5);
        assertThat(indexed).containsExactlyInAnyOrderElementsOf(expected);
        threads.shutdown();
    }

    private NewInstance row(String sop) {
        Attributes ds = Studies.base(UID.CTImageStorage, study, series, "CT", "Wanjiku^Ann", "KE-4001");
        ds.setString(Tag.SOPInstanceUID, org.dcm4che3.data.VR.UI, sop);
        ObjectKey key = new ObjectKey(clinic, "studies/" + study + "/series/" + series + "/" + sop + ".dcm");
        return new NewInstance(ds, UID.ExplicitVRLittleEndian, key.name(), 1000, "00", null, null, null, null, null,
                "test");
    }
}
