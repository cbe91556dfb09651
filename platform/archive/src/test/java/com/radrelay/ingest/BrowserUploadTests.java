package com.radrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.radrelay.archive.QueryLevel;
import com.radrelay.archive.StudyArchive;
import com.radrelay.ingest.UploadReport.Entry;
import com.radrelay.ingest.UploadReport.Outcome;
import com.radrelay.security.Role;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.VR;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Browser uploads over the tus 1.0 protocol, as tus-js-client speaks it, into the archive's store path. */
@IntegrationTest
@AutoConfigureMockMvc
class BrowserUploadTests {

    @Autowired MockMvc http;
    @Autowired TenantDirectory directory;
    @Autowired UserAccounts accounts;
    @Autowired BrowserUploads uploads;
    @Autowired StudyArchive archive;
    @TempDir Path dir;

    Tenant clinic;
    SignedInUser uploader;

    @BeforeEach
    void anUploaderOfARuralClinic() {
        clinic = Clinics.ruralClinic(directory);
        uploader = staffOf(clinic, Role.CLINIC_UPLOADER);
    }

    @Test
    void aFileSentInTwoPiecesWithAReconnectBetweenIsStoredOnce() throws Exception {
        Studies.Study study = Studies.ct(dir, "UPLOAD^ONE", "U1", 1, 64, 64);
        byte[] file = Files.readAllBytes(study.files().getFirst());
        String location = create(uploader, file.length, "CT/IM0001.dcm");

        int half = file.length / 2;
        send(uploader, location, 0, Arrays.copyOfRange(file, 0, half));
        // The link dropped: the client asks where to carry on, as tus-js-client does after a reload.
        http.perform(tus(head(location), uploader)).andExpect(status().is2xxSuccessful())
                .andExpect(header().string("Upload-Offset", Integer.toString(half)));
        send(uploader, location, half, Arrays.copyOfRange(file, half, file.length));

        UploadReport report = reportOf(uploader, location);
        assertThat(report.fileName()).isEqualTo("CT/IM0001.dcm");
        assertThat(report.entries()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.STORED);
            assertThat(e.studyUid()).isEqualTo(study.studyUid());
        });
        assertThat(instancesOf(study.studyUid())).isEqualTo(1);
    }

    @Test
    void aZipIsReadAsAStreamAndItsJunkIsListedNotFatal() throws Exception {
        Studies.Study study = Studies.ct(dir, "UPLOAD^ZIP", "U2", 3, 64, 64);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            for (Path f : study.files()) {
                add(zip, "CD/DICOM/" + f.getFileName(), Files.readAllBytes(f));
            }
            add(zip, "CD/Thumbs.db", "not an image".getBytes(StandardCharsets.UTF_8));
            add(zip, "CD/VIEWER/readme.pdf", "%PDF-1.4 a viewer's manual".getBytes(StandardCharsets.UTF_8));
            add(zip, "CD/DICOMDIR", Files.readAllBytes(study.files().getFirst()));
            add(zip, "CD/nested.zip", zipOf("a.txt", new byte[10]));
            add(zip, "../../etc/evil.dcm", Files.readAllBytes(study.files().getFirst()));
        }
        UploadReport report = upload(uploader, "cd.zip", zipped.toByteArray());

        assertThat(report.count(Outcome.STORED)).isEqualTo(3);
        assertThat(report.entries()).filteredOn(e -> e.outcome() == Outcome.SKIPPED).extracting(Entry::name)
                .containsExactly("cd.zip › CD/Thumbs.db", "cd.zip › CD/VIEWER/readme.pdf", "cd.zip › CD/DICOMDIR",
                        "cd.zip › CD/nested.zip");
        assertThat(report.entries()).filteredOn(e -> e.outcome() == Outcome.REJECTED).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("unsafe path"));
        assertThat(instancesOf(study.studyUid())).isEqualTo(3);
    }

    @Test
    void aBundleOfAFoldersFilesIsStoredAndReportedFileByFile() throws Exception {
        Studies.Study study = Studies.ct(dir, "UPLOAD^BUNDLE", "U5", 3, 64, 64);
        String boundary = "rr0123456789abcdef";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path f : study.files()) {
            part(body, boundary, "CD/DICOM/" + f.getFileName(), Files.readAllBytes(f));
        }
        part(body, boundary, "CD/Thumbs db ü.txt", "not an image".getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        UploadReport report = upload(uploader, "4 files", body.toByteArray(), boundary);

        assertThat(report.entries()).extracting(Entry::name).containsExactly("CD/DICOM/" + study.files().get(0)
                .getFileName(), "CD/DICOM/" + study.files().get(1).getFileName(), "CD/DICOM/" + study.files().get(2)
                .getFileName(), "CD/Thumbs db ü.txt");
        assertThat(report.entries()).extracting(Entry::outcome)
                .containsExactly(Outcome.STORED, Outcome.STORED, Outcome.STORED, Outcome.SKIPPED);
        assertThat(instancesOf(study.studyUid())).isEqualTo(3);
    }

    @Test
    void aBundleCutShortKeepsWhatArrivedWholeAndSaysItIsDamaged() throws Exception {
        Studies.Study study = Studies.ct(dir, "UPLOAD^CUTBUNDLE", "U6", 2, 64, 64);
        String boundary = "rrfedcba9876543210";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path f : study.files()) {
            part(body, boundary, f.getFileName().toString(), Files.readAllBytes(f));
        }
        byte[] cut = Arrays.copyOf(body.toByteArray(), body.size() - 2000);

        UploadReport report = upload(uploader, "2 files", cut, boundary);

        assertThat(report.entries()).first().satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.STORED));
        assertThat(report.entries()).last().satisfies(e -> {
            assertThat(e.name()).isEqualTo("2 files");
            assertThat(e.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(e.reason()).startsWith("the bundle of files is damaged");
        });
        assertThat(upload(uploader, "bad", body.toByteArray(), "no spaces allowed here").entries()).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("boundary is not valid"));
    }

    @Test
    void aZipBombIsRefusedWithAClearReason() throws Exception {
        UploadReport report = upload(uploader, "bomb.zip", zipOf("zeros.dcm", new byte[200 * 1024 * 1024]));

        assertThat(report.entries()).filteredOn(e -> e.name().equals("bomb.zip")).singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(Outcome.REJECTED);
                    assertThat(e.reason()).contains("expands more than 100 times its size: refused as a zip bomb");
                });
    }

    @Test
    void filesThatAreNotDicomOrBrokenGetTheirReason() throws Exception {
        Studies.Study study = Studies.ct(dir, "UPLOAD^CUT", "U3", 1, 64, 64);
        byte[] file = Files.readAllBytes(study.files().getFirst());

        assertThat(upload(uploader, "notes.txt", "hello".getBytes(StandardCharsets.UTF_8)).entries())
                .singleElement().satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(Outcome.SKIPPED);
                    assertThat(e.reason()).isEqualTo("not a DICOM file");
                });
        assertThat(upload(uploader, "cut.dcm", Arrays.copyOf(file, file.length - 1000)).entries())
                .singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.REJECTED));
        Attributes noUids = Studies.base("1.2.840.10008.5.1.4.1.1.2", study.studyUid(), Studies.uid(), "CT",
                "UPLOAD^CUT", "U3");
        noUids.remove(Tag.StudyInstanceUID);
        assertThat(upload(uploader, "no-uid.dcm", Files.readAllBytes(Studies.write(dir, noUids))).entries())
                .singleElement().satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(Outcome.REJECTED);
                    assertThat(e.reason()).containsIgnoringCase("Study Instance UID");
                });
    }

    @Test
    void aSecondCopyIsReportedAsADuplicate() throws Exception {
        Studies.Study study = Studies.cr(dir, "UPLOAD^TWICE", "U4", "20261205");
        byte[] file = Files.readAllBytes(study.files().getFirst());
        upload(uploader, "cr.dcm", file);

        assertThat(upload(uploader, "cr.dcm", file).entries()).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.DUPLICATE));
        assertThat(instancesOf(study.studyUid())).isEqualTo(1);
    }

    @Test
    void anotherClinicCanNeitherResumeNorReadAnUploadEvenWithItsAddress() throws Exception {
        String location = create(uploader, 1000, "private.dcm");
        SignedInUser stranger = staffOf(Clinics.ruralClinic(directory), Role.CLINIC_MANAGER);

        http.perform(tus(head(location), stranger)).andExpect(status().isNotFound());
        http.perform(tus(patch(location), stranger).header("Upload-Offset", "0")
                .contentType("application/offset+octet-stream").content(new byte[100]))
                .andExpect(status().isNotFound());
        http.perform(tus(head(location), uploader)).andExpect(status().is2xxSuccessful())
                .andExpect(header().string("Upload-Offset", "0"));
        assertThat(uploads.report(stranger.clinic(), stranger.username(), idOf(location))).isEmpty();
    }

    @Test
    void onlyAClinicsStaffMayUpload() throws Exception {
        SignedInUser reader = accounts.loadUserByUsername(accounts.create(
                "reader" + ThreadLocalRandom.current().nextInt(1_000_000_000), "A Reader", "a long password 1",
                Role.RADIOLOGIST, null).username());
        http.perform(tus(post(BrowserUploads.ENDPOINT), reader).header("Upload-Length", "10"))
                .andExpect(status().isForbidden());
    }

    private SignedInUser staffOf(Tenant of, Role role) {
        String name = "staff" + ThreadLocalRandom.current().nextInt(1_000_000_000);
        accounts.create(name, "Clinic Staff", "a long password 1", role, of.id());
        return accounts.loadUserByUsername(name);
    }

    private UploadReport upload(SignedInUser who, String name, byte[] content) throws Exception {
        return upload(who, name, content, null);
    }

    private UploadReport upload(SignedInUser who, String name, byte[] content, @Nullable String bundleBoundary)
            throws Exception {
        String location = create(who, content.length, name, bundleBoundary);
        send(who, location, 0, content);
        return reportOf(who, location);
    }

    private String create(SignedInUser who, long length, String name) throws Exception {
        return create(who, length, name, null);
    }

    /** As tus-js-client creates an upload, with the upload page's metadata. */
    private String create(SignedInUser who, long length, String name, @Nullable String bundleBoundary)
            throws Exception {
        String metadata = "filename " + base64(name.substring(name.lastIndexOf('/') + 1)) + ",relativePath "
                + base64(name) + (bundleBoundary == null ? "" : ",bundleBoundary " + base64(bundleBoundary));
        return http.perform(tus(post(BrowserUploads.ENDPOINT), who).header("Upload-Length", Long.toString(length))
                        .header("Upload-Metadata", metadata))
                .andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");
    }

    /** One file of a bundle as rr-upload.js writes it: its path percent-encoded in Content-Location. */
    private static void part(ByteArrayOutputStream body, String boundary, String path, byte[] content)
            throws IOException {
        body.write(("--" + boundary + "\r\nContent-Type: application/dicom\r\nContent-Location: "
                + URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20") + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.write(content);
        body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private void send(SignedInUser who, String location, long offset, byte[] chunk) throws Exception {
        http.perform(tus(patch(location), who).header("Upload-Offset", Long.toString(offset))
                        .contentType("application/offset+octet-stream").content(chunk))
                .andExpect(status().isNoContent())
                .andExpect(header().string("Upload-Offset", Long.toString(offset + chunk.length)));
    }

    private UploadReport reportOf(SignedInUser who, String location) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            UploadReport report = uploads.report(who.clinic(), who.username(), idOf(location)).orElseThrow();
            if (report.done()) {
                return report;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("upload " + location + " was not checked within a minute");
    }

    private MockHttpServletRequestBuilder tus(MockHttpServletRequestBuilder request, SignedInUser who) {
        return request.with(user(who)).with(csrf()).header("Tus-Resumable", "1.0.0");
    }

    private int instancesOf(String studyUid) {
        Attributes keys = new Attributes();
        keys.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        return archive.search(clinic.id(), QueryLevel.IMAGE, keys, 0, 100).size();
    }

    private static String idOf(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] zipOf(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            add(zip, name, content);
        }
        return out.toByteArray();
    }
}
