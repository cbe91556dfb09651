package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.audit.AuditLog;
import com.radrelay.audit.ReadAudit;
import com.radrelay.dicom.DicomNetwork;
import com.radrelay.dicom.DicomServer;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantJdbcTransactions;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.DicomClinics;
import com.radrelay.testing.Dcmtk;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.ReadAudits;
import com.radrelay.testing.Studies;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.io.DicomInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The DIMSE door driven by DCMTK: association rules, C-STORE, C-FIND, C-GET, C-MOVE, and clinic isolation. */
@IntegrationTest
class DimseDoorTests {

    @Autowired TenantDirectory directory;
    @Autowired DicomNetwork network;
    @Autowired DicomServer dicom;
    @Autowired ReadAudit readAudit;
    @Autowired JdbcTemplate jdbc;
    @Autowired TenantJdbcTransactions tx;
    @Autowired AuditLog audit;

    @TempDir Path dir;
    Tenant clinicA;
    Tenant clinicB;
    String port;

    @BeforeEach
    void twoClinics() {
        clinicA = DicomClinics.clinicWithDicom(directory, network);
        clinicB = DicomClinics.clinicWithDicom(directory, network);
        port = Integer.toString(dicom.port());
    }

    @Test
    void aRegisteredPeerIsAnsweredAndStrangersAreRejectedWithTheReason() {
        assertThat(dcmtk("echoscu", "-aet", "ECHOSCU", "-aec", ae(clinicA)).ok()).isTrue();
        assertThat(dcmtk("echoscu", "-aet", "STRANGER", "-aec", ae(clinicA)).output())
                .contains("Calling AE Title Not Recognized");
        assertThat(dcmtk("echoscu", "-aet", "ECHOSCU", "-aec", "NO_SUCH_AE").output())
                .contains("Called AE Title Not Recognized");
    }

    @Test
    void everyDeviceNeedsAnAddressOrARangeAndOneRegisteredWithoutIsRefused() {
        CurrentTenant.run(clinicA.id(), () -> {
            assertThatThrownBy(() -> network.registerPeer("NOWHERE", " ", null, "")).hasMessageContaining(
                    "needs the address it calls from");
            assertThatThrownBy(() -> network.registerPeer("WIDE", "127.0.0.0/8", 104, "")).hasMessageContaining(
                    "needs one address, not the range");
            assertThatThrownBy(() -> network.registerPeer("ODD", "lab.example/24", null, "")).hasMessageContaining(
                    "a range is an IP address and a prefix length");
            network.registerPeer("LOOPNET", "127.0.0.0/8", null, "any loopback address");
            network.registerPeer("OTHERNET", "10.20.0.0/16", null, "another network");
        });
        // As a row from before every device needed an address.
        tx.execute(clinicA.id(), () -> jdbc.update("insert into dicom_peers (id, tenant_id, ae_title, host, port, "
                + "description, created_at) values (?, ?, 'LEGACY', null, null, '', now())", UUID.randomUUID(),
                clinicA.id().value()));
        assertThat(dcmtk("echoscu", "-aet", "LOOPNET", "-aec", ae(clinicA)).ok()).as("in the range").isTrue();
        assertThat(dcmtk("echoscu", "-aet", "OTHERNET", "-aec", ae(clinicA)).output())
                .contains("Calling AE Title Not Recognized");
        assertThat(dcmtk("echoscu", "-aet", "LEGACY", "-aec", ae(clinicA)).output())
                .contains("Calling AE Title Not Recognized");
    }

    @Test
    void aPeerRegisteredForAnotherAddressIsRejected() {
        CurrentTenant.run(clinicA.id(), () -> network.registerPeer("FARAWAY", "10.20.30.40", 104, "elsewhere"));
        assertThat(dcmtk("echoscu", "-aet", "FARAWAY", "-aec", ae(clinicA)).output())
                .contains("Calling AE Title Not Recognized");
    }

    @Test
    void storedCtSeriesIsFoundAtEveryLevel() throws IOException {
        Studies.Study ct = Studies.ct(dir.resolve("ct"), "Kamau^Wanjiku", "KE-1001", 12, 64, 64);
        Dcmtk.Result stored = store(clinicA, ct);
        assertThat(stored.ok()).as(stored.output()).isTrue();

        assertThat(find(clinicA, "STUDY", "StudyInstanceUID=" + ct.studyUid(), "NumberOfStudyRelatedInstances",
                "ModalitiesInStudy", "PatientName")).contains("[12]", "[CT]", "Kamau^Wanjiku");
        assertThat(find(clinicA, "SERIES", "StudyInstanceUID=" + ct.studyUid(), "SeriesInstanceUID",
                "NumberOfSeriesRelatedInstances")).contains(ct.seriesUid(), "[12]");
        assertThat(matches(find(clinicA, "IMAGE", "StudyInstanceUID=" + ct.studyUid(),
                "SeriesInstanceUID=" + ct.seriesUid(), "SOPInstanceUID"))).isEqualTo(12);
        assertThat(matches(find(clinicA, "STUDY", "PatientName=KAMAU*", "StudyInstanceUID=" + ct.studyUid()))).as("name wildcard, case-insensitive").isEqualTo(1);

        readAudit.flush();
        assertThat(ReadAudits.totals(audit, clinicA.id())).containsEntry("QUERY dicom:FINDSCU C-FIND STUDY", "2/2")
                .containsEntry("QUERY dicom:FINDSCU C-FIND SERIES", "1/1")
                .containsEntry("QUERY dicom:FINDSCU C-FIND IMAGE", "1/12");
    }

    @Test
    void cGetReturnsTheInstancesBitForBit() throws IOException {
        Studies.Study ct = Studies.ct(dir.resolve("ct"), "Otieno^Brian", "KE-1002", 3, 32, 32);
        store(clinicA, ct);
        Path out = Files.createDirectories(dir.resolve("got"));
        Dcmtk.Result got = dcmtk("getscu", "-aet", "GETSCU", "-aec", ae(clinicA), "-S", "-od", out.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + ct.studyUid());
        assertThat(got.ok()).as(got.output()).isTrue();
        assertThat(listFiles(out)).hasSize(3);
        for (Path sent : ct.files()) {
            Path received = out.resolve(sopOf(sent));
            assertThat(pixelData(received)).isEqualTo(pixelData(sent));
        }
        readAudit.flush();
        assertThat(ReadAudits.totals(audit, clinicA.id())).containsEntry("BEGIN_TRANSFERRING_DICOM_INSTANCES "
                + "dicom:GETSCU " + ct.studyUid(), "1/3");
    }

    @Test
    void cMoveSendsToARegisteredDestinationAndRefusesOthers() throws Exception {
        Studies.Study ct = Studies.ct(dir.resolve("ct"), "Achieng^Mary", "KE-1003", 2, 32, 32);
        store(clinicA, ct);
        int destPort = freePort();
        CurrentTenant.run(clinicA.id(), () -> network.registerPeer("WORKSTATION", "127.0.0.1", destPort, "reading room"));
        Path out = Files.createDirectories(dir.resolve("moved"));
        Process storescp = new ProcessBuilder("storescp", "-aet", "WORKSTATION", "-od", out.toString(),
                Integer.toString(destPort)).redirectErrorStream(true).start();
        try {
            Thread.sleep(500);
            Dcmtk.Result moved = dcmtk("movescu", "-aet", "MOVESCU", "-aec", ae(clinicA), "-aem", "WORKSTATION", "-S",
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + ct.studyUid());
            assertThat(moved.ok()).as(moved.output()).isTrue();
            assertThat(listFiles(out)).hasSize(2);
        } finally {
            storescp.destroy();
            storescp.waitFor(5, TimeUnit.SECONDS);
        }
        Dcmtk.Result unknown = dcmtk("movescu", "-aet", "MOVESCU", "-aec", ae(clinicA), "-aem", "NOWHERE", "-S",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + ct.studyUid());
        assertThat(unknown.output()).contains("MoveDestinationUnknown");
    }

    @Test
    void metadataAndLinkLocalAddressesCannotReceiveImagesAndAFailedMoveTellsNothingOfTheNetwork() throws Exception {
        for (String host : List.of("169.254.169.254", "100.100.100.200", "fe80::1", "0.0.0.0")) {
            assertThatThrownBy(() -> CurrentTenant.run(clinicA.id(), () -> network.registerPeer("META", host, 80,
                    "cloud metadata"))).as(host).hasMessageContaining("cannot receive images");
        }
        Studies.Study ct = Studies.ct(dir.resolve("ct"), "Wairimu^Ann", "KE-1005", 1, 32, 32);
        store(clinicA, ct);
        int closed = freePort();
        CurrentTenant.run(clinicA.id(), () -> network.registerPeer("CLOSEDPORT", "127.0.0.1", closed, "nothing there"));
        // -d: movescu prints the response's Error Comment only when debugging.
        Dcmtk.Result refused = dcmtk("movescu", "-d", "-aet", "MOVESCU", "-aec", ae(clinicA), "-aem", "CLOSEDPORT",
                "-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + ct.studyUid());
        assertThat(refused.ok()).isFalse();
        // The error comment reaches the caller (so its words are checked), without the connection's own error.
        assertThat(refused.output()).contains("cannot reach move destination CLOSEDPORT")
                .doesNotContainIgnoringCase("connection refused").doesNotContain(Integer.toString(closed));
    }

    @Test
    void anotherClinicsAeTitleFindsRetrievesAndMovesNothingOfThisClinic() throws IOException {
        Studies.Study ct = Studies.ct(dir.resolve("ct"), "Njeri^Grace", "KE-1004", 2, 32, 32);
        store(clinicA, ct);
        assertThat(matches(find(clinicB, "STUDY", "StudyInstanceUID=" + ct.studyUid()))).isZero();
        assertThat(matches(find(clinicB, "IMAGE", "StudyInstanceUID=" + ct.studyUid(), "SOPInstanceUID"))).isZero();
        Path out = Files.createDirectories(dir.resolve("stolen"));
        dcmtk("getscu", "-aet", "GETSCU", "-aec", ae(clinicB), "-S", "-od", out.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + ct.studyUid());
        assertThat(listFiles(out)).isEmpty();
    }

    @Test
    void aStudyStoredThroughOneClinicsAeTitleBelongsToThatClinicOnly() throws IOException {
        Studies.Study ct = Studies.ct(dir.resolve("ct"), "Mwangi^Peter", "KE-1005", 1, 32, 32);
        store(clinicB, ct);
        assertThat(matches(find(clinicB, "STUDY", "StudyInstanceUID=" + ct.studyUid()))).isEqualTo(1);
        assertThat(matches(find(clinicA, "STUDY", "StudyInstanceUID=" + ct.studyUid()))).isZero();
    }

    @Test
    void sendingTheSameInstanceTwiceKeepsOneCopy() throws IOException {
        Studies.Study ct = Studies.ct(dir.resolve("ct"), "Wekesa^Tom", "KE-1006", 1, 32, 32);
        assertThat(store(clinicA, ct).ok()).isTrue();
        assertThat(store(clinicA, ct).ok()).isTrue();
        assertThat(matches(find(clinicA, "IMAGE", "StudyInstanceUID=" + ct.studyUid(), "SOPInstanceUID"))).isEqualTo(1);
    }

    @Test
    void truncatedPixelDataIsRefusedAndTheAssociationGoesOn() throws IOException {
        Studies.Study good = Studies.ct(dir.resolve("good"), "Good^One", "KE-1007", 1, 32, 32);
        Attributes broken = Studies.base(org.dcm4che3.data.UID.CTImageStorage, Studies.uid(), Studies.uid(), "CT",
                "Broken^One", "KE-1008");
        broken.setInt(Tag.Rows, org.dcm4che3.data.VR.US, 64);
        broken.setInt(Tag.Columns, org.dcm4che3.data.VR.US, 64);
        broken.setInt(Tag.BitsAllocated, org.dcm4che3.data.VR.US, 16);
        broken.setBytes(Tag.PixelData, org.dcm4che3.data.VR.OW, new byte[64 * 64]);
        Path bad = Studies.write(dir.resolve("bad"), broken);
        Dcmtk.Result r = storescu(clinicA, "-v", "-nh", bad.toString(), good.files().getFirst().toString());
        assertThat(r.output()).contains("DataSetDoesNotMatchSOPClass");
        assertThat(matches(find(clinicA, "IMAGE", "StudyInstanceUID=" + good.studyUid(), "SOPInstanceUID"))).isEqualTo(1);
    }

    @Test
    void compressedInstancesAreKeptAsReceived() throws IOException {
        Studies.Study ct = Studies.ct(dir.resolve("ct"), "Chebet^Ann", "KE-1009", 1, 64, 64);
        Path rle = dir.resolve("rle.dcm");
        assertThat(Dcmtk.run("dcmcrle", ct.files().getFirst().toString(), rle.toString()).ok()).isTrue();
        assertThat(storescu(clinicA, "-xr", rle.toString()).ok()).isTrue();
        Path out = Files.createDirectories(dir.resolve("got"));
        dcmtk("getscu", "-aet", "GETSCU", "-aec", ae(clinicA), "+xr", "-S", "-od", out.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + ct.studyUid());
        Path received = out.resolve(sopOf(rle));
        assertThat(transferSyntax(received)).isEqualTo(org.dcm4che3.data.UID.RLELossless);
        assertThat(pixelData(received)).isEqualTo(pixelData(rle));

        Path jls = dir.resolve("jls2.dcm");
        Attributes jlsAttrs = jpegLsCopyInANewSeries(ct.files().getFirst(), jls);
        assertThat(storescu(clinicA, "-xt", jls.toString()).ok()).isTrue();
        Path out2 = Files.createDirectories(dir.resolve("got2"));
        dcmtk("getscu", "-aet", "GETSCU", "-aec", ae(clinicA), "+xt", "-S", "-od", out2.toString(),
                "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + ct.studyUid(),
                "-k", "SeriesInstanceUID=" + jlsAttrs.getString(Tag.SeriesInstanceUID),
                "-k", "SOPInstanceUID=" + jlsAttrs.getString(Tag.SOPInstanceUID));
        Path receivedJls = out2.resolve(sopOf(jls));
        assertThat(transferSyntax(receivedJls)).isEqualTo(org.dcm4che3.data.UID.JPEGLSLossless);
        assertThat(pixelData(receivedJls)).isEqualTo(pixelData(jls));
    }

    @Test
    void aRetrieveSendsWhatThePeerAcceptsAndSkipsWhatItCannot() throws IOException {
        Studies.Study ct = Studies.ct(dir.resolve("ct"), "Wanjiru^Faith", "KE-1010", 3, 32, 32);
        Path jls = dir.resolve("jls.dcm");
        jpegLsCopyInANewSeries(ct.files().getFirst(), jls);
        // Stored first, so it heads the retrieve: a peer taking only uncompressed data cannot have it.
        assertThat(storescu(clinicA, "-xt", jls.toString()).ok()).isTrue();
        store(clinicA, ct);
        Path out = Files.createDirectories(dir.resolve("got"));
        Dcmtk.Result got = dcmtk("getscu", "-aet", "GETSCU", "-aec", ae(clinicA), "-S", "-od", out.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + ct.studyUid());
        assertThat(got.output()).contains("SubOperationsCompleteOneOrMoreFailures");
        assertThat(listFiles(out)).hasSize(3);
        for (Path sent : ct.files()) {
            assertThat(pixelData(out.resolve(sopOf(sent)))).isEqualTo(pixelData(sent));
        }
    }

    /** A JPEG-LS copy of an image, written to {@code to} under new SOP Instance and Series UIDs. */
    private Attributes jpegLsCopyInANewSeries(Path image, Path to) throws IOException {
        Path compressed = Files.createTempFile(dir, "jls", ".dcm");
        assertThat(Dcmtk.run("dcmcjpls", image.toString(), compressed.toString()).ok()).isTrue();
        Attributes ds;
        try (DicomInputStream in = new DicomInputStream(compressed.toFile())) {
            ds = in.readDataset();
        }
        ds.setString(Tag.SOPInstanceUID, org.dcm4che3.data.VR.UI, Studies.uid());
        ds.setString(Tag.SeriesInstanceUID, org.dcm4che3.data.VR.UI, Studies.uid());
        try (org.dcm4che3.io.DicomOutputStream o = new org.dcm4che3.io.DicomOutputStream(to.toFile())) {
            o.writeDataset(ds.createFileMetaInformation(org.dcm4che3.data.UID.JPEGLSLossless), ds);
        }
        return ds;
    }

    private Dcmtk.Result store(Tenant clinic, Studies.Study study) {
        return storescu(clinic, "+sd", study.dir().toString());
    }

    /** storescu takes the peer before the files. */
    private Dcmtk.Result storescu(Tenant clinic, String... optionsThenFiles) {
        List<String> cmd = new java.util.ArrayList<>(List.of("storescu", "-aet", "STORESCU", "-aec", ae(clinic)));
        int firstFile = 0;
        while (firstFile < optionsThenFiles.length && optionsThenFiles[firstFile].matches("[-+].*")) {
            cmd.add(optionsThenFiles[firstFile++]);
        }
        cmd.add("127.0.0.1");
        cmd.add(port);
        cmd.addAll(List.of(optionsThenFiles).subList(firstFile, optionsThenFiles.length));
        return Dcmtk.run(cmd.toArray(String[]::new));
    }

    private String find(Tenant clinic, String level, String... keys) {
        List<String> cmd = new java.util.ArrayList<>(List.of("findscu", "-aet", "FINDSCU", "-aec", ae(clinic), "-S",
                "-k", "QueryRetrieveLevel=" + level));
        for (String k : keys) {
            cmd.add("-k");
            cmd.add(k);
        }
        cmd.add("127.0.0.1");
        cmd.add(port);
        Dcmtk.Result r = Dcmtk.run(cmd.toArray(String[]::new));
        assertThat(r.ok()).as(r.output()).isTrue();
        return r.output();
    }

    private Dcmtk.Result dcmtk(String... args) {
        String[] cmd = Stream.concat(Stream.of(args), Stream.of("127.0.0.1", port)).toArray(String[]::new);
        return Dcmtk.run(cmd);
    }

    private static String ae(Tenant clinic) {
        return DicomClinics.aeTitle(clinic);
    }

    /** How many matches a findscu run reported: one "Find Response: n (Pending)" line each. */
    private static long matches(String findOutput) {
        return findOutput.lines().filter(l -> l.contains("Find Response:") && l.contains("(Pending)")).count();
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static String sopOf(Path file) throws IOException {
        try (DicomInputStream in = new DicomInputStream(file.toFile())) {
            return "CT." + in.readFileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID);
        }
    }

    private static String transferSyntax(Path file) throws IOException {
        try (DicomInputStream in = new DicomInputStream(file.toFile())) {
            return in.readFileMetaInformation().getString(Tag.TransferSyntaxUID);
        }
    }

    private static byte[] pixelData(Path file) throws IOException {
        try (DicomInputStream in = new DicomInputStream(file.toFile())) {
            Attributes ds = in.readDataset();
            Object v = ds.getValue(Tag.PixelData);
            if (v instanceof byte[] b) {
                return b;
            }
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (Object f : (org.dcm4che3.data.Fragments) v) {
                all.write((byte[]) f);
            }
            return all.toByteArray();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
