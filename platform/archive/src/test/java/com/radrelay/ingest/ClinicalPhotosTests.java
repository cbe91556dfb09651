package com.radrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.archive.QueryLevel;
import com.radrelay.archive.QueryMatch;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StoredInstance;
import com.radrelay.archive.StudyArchive;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Phone photos become VL Photographic Image instances of the patient, with the JPEG kept as the camera wrote it. */
@IntegrationTest
class ClinicalPhotosTests {

    @Autowired TenantDirectory directory;
    @Autowired ClinicalPhotos photos;
    @Autowired StudyArchive archive;

    @Test
    void photosOfAVisitAreOneSeriesOfThePatientWithTheirBodySite() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        byte[] jpeg = jpeg();
        ClinicalPhotos.Outcome outcome = photos.store(clinic.id(), new ClinicalPhotos.Visit(
                new ClinicalPhotos.Patient("ODHIAMBO", "KEVIN", "PH-100", "19750101", "M"),
                new ClinicalPhotos.BodySite("56459004", "Foot"), "diabetic ulcer, right heel", List.of(jpeg, jpeg),
                "nurse", null, Instant.parse("2026-12-05T08:30:00Z")));

        assertThat(outcome.photos()).allMatch(r -> r instanceof StoreResult.Stored);
        Attributes keys = new Attributes();
        keys.setString(Tag.StudyInstanceUID, VR.UI, outcome.study().value());
        List<QueryMatch> found = archive.search(clinic.id(), QueryLevel.IMAGE, keys, 0, 10);
        assertThat(found).hasSize(2).allSatisfy(m -> {
            assertThat(m.attrs().getString(Tag.SOPClassUID)).isEqualTo(UID.VLPhotographicImageStorage);
            assertThat(m.attrs().getString(Tag.PatientName)).isEqualTo("ODHIAMBO^KEVIN");
        });
        StoredInstance first = archive.instances(clinic.id(), outcome.study(), null, null).getFirst();
        Attributes metadata = archive.metadata(List.of(first)).getFirst();
        assertThat(metadata.getString(Tag.Modality)).isEqualTo("XC");
        assertThat(metadata.getString(Tag.BodyPartExamined)).isEqualTo("FOOT");
        assertThat(metadata.getNestedDataset(Tag.AnatomicRegionSequence).getString(Tag.CodeValue)).isEqualTo("56459004");
        assertThat(first.transferSyntax()).isEqualTo(UID.JPEGBaseline8Bit);
        try (InputStream frame = archive.frame(first, 1)) {
            byte[] stored = frame.readAllBytes();
            assertThat(Arrays.copyOf(stored, jpeg.length)).as("the JPEG as the camera wrote it")
                    .isEqualTo(jpeg);
        }
    }

    @Test
    void aVisitWithoutAPatientOrWithAFileThatIsNotAPhotoIsRefusedWithAReason() {
        Tenant clinic = Clinics.ruralClinic(directory);
        ClinicalPhotos.BodySite face = new ClinicalPhotos.BodySite("89545001", "Face");
        assertThatThrownBy(() -> photos.store(clinic.id(), new ClinicalPhotos.Visit(
                new ClinicalPhotos.Patient(" ", "", "", null, null), face, "", List.of(new byte[10]), "nurse", null,
                Instant.now()))).hasMessageContaining("family name and ID");
        assertThatThrownBy(() -> photos.store(clinic.id(), new ClinicalPhotos.Visit(
                new ClinicalPhotos.Patient("A", "B", "C", null, null), face, "", List.of("%PDF".getBytes()),
                "nurse", null, Instant.now()))).hasMessageContaining("not a JPEG photo");
    }

    private static byte[] jpeg() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().setColor(Color.PINK);
        image.getGraphics().fillRect(8, 8, 40, 30);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
