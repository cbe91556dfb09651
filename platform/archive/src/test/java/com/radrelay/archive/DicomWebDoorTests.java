package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.radrelay.audit.AuditLog;
import com.radrelay.audit.ReadAudit;
import com.radrelay.security.ApiScope;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.IssuedToken;
import com.radrelay.storage.StorageSettings;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.DicomWebCalls;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.ReadAudits;
import com.radrelay.testing.Studies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** The DICOMweb door over HTTP: STOW-RS, QIDO-RS and WADO-RS, each with a clinic's token, and clinic isolation. */
@IntegrationTest
@AutoConfigureMockMvc
class DicomWebDoorTests {

    @Autowired MockMvc http;
    @Autowired TenantDirectory directory;
    @Autowired ApiTokens tokens;
    @Autowired StorageSettings storage;
    @Autowired ReadAudit readAudit;
    @Autowired AuditLog audit;

    @TempDir Path dir;
    Tenant clinicA;
    Tenant clinicB;
    IssuedToken tokenA;
    IssuedToken tokenB;

    @BeforeEach
    void twoClinics() {
        clinicA = Clinics.ruralClinic(directory);
        clinicB = Clinics.ruralClinic(directory);
        tokenA = CurrentTenant.call(clinicA.id(), () -> tokens.issue("PACS A"));
        tokenB = CurrentTenant.call(clinicB.id(), () -> tokens.issue("PACS B"));
    }

    @Test
    void aBatchIsStoredAndEveryInstanceIsReferenced() throws Exception {
        Studies.Study ct = Studies.ct(dir, "Ouma^Jane", "KE-2001", 3, 32, 32);
        MockHttpServletResponse rsp = stow(clinicA, tokenA, parts(ct.files()));
        assertThat(rsp.getStatus()).isEqualTo(200);
        assertThat(rsp.getContentAsString()).contains(ct.studyUid()).doesNotContain("00081198");
        assertThat(count(qido(clinicA, tokenA, "studies/" + ct.studyUid() + "/instances"))).isEqualTo(3);
    }

    @Test
    void aTokenDoesOnlyWhatItsScopesAllow() throws Exception {
        IssuedToken storeOnly = CurrentTenant.call(clinicA.id(), () -> tokens.issue("gateway", Set.of(ApiScope.STORE),
                null));
        IssuedToken queryOnly = CurrentTenant.call(clinicA.id(), () -> tokens.issue("worklist", Set.of(ApiScope.QUERY),
                null));
        Studies.Study ct = Studies.ct(dir, "Ouma^Scope", "KE-2010", 1, 32, 32);
        DicomWebCalls calls = new DicomWebCalls(http);
        String series = "studies/" + ct.studyUid() + "/series/" + ct.seriesUid();

        assertThat(stow(clinicA, storeOnly, parts(ct.files())).getStatus()).isEqualTo(200);
        assertThat(calls.get(clinicA, storeOnly, "studies?PatientID=KE-2010", null).getStatus()).isEqualTo(403);
        assertThat(calls.get(clinicA, storeOnly, series + "/metadata", null).getStatus()).isEqualTo(403);
        assertThat(calls.get(clinicA, storeOnly, "studies/" + ct.studyUid(), null).getStatus()).isEqualTo(403);

        assertThat(count(qido(clinicA, queryOnly, "studies?PatientID=KE-2010"))).isEqualTo(1);
        assertThat(calls.get(clinicA, queryOnly, series + "/metadata", null).getStatus()).isEqualTo(403);
        assertThat(stow(clinicA, queryOnly, parts(ct.files())).getStatus()).isEqualTo(403);
        assertThat(calls.get(clinicA, tokenA, series + "/metadata", null).getStatus()).as("all scopes").isEqualTo(200);
    }

    @Test
    void everyReadIsAuditedOncePerTokenDoorAndStudy() throws Exception {
        Studies.Study ct = Studies.ct(dir, "Ouma^Audit", "KE-2011", 2, 32, 32);
        assertThat(stow(clinicA, tokenA, parts(ct.files())).getStatus()).isEqualTo(200);
        DicomWebCalls calls = new DicomWebCalls(http);
        String series = "studies/" + ct.studyUid() + "/series/" + ct.seriesUid();
        String sop = ct.files().getFirst().getFileName().toString().replace(".dcm", "");

        qido(clinicA, tokenA, "studies?PatientID=KE-2011");
        assertThat(calls.get(clinicA, tokenA, series + "/metadata", null).getStatus()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(calls.get(clinicA, tokenA, series + "/instances/" + sop + "/frames/1",
                    "application/octet-stream; transfer-syntax=*").getStatus()).isEqualTo(200);
        }
        readAudit.flush();

        String actor = " token:" + tokenA.id() + " ";
        assertThat(ReadAudits.totals(audit, clinicA.id())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "QUERY" + actor + "QIDO-RS STUDY", "1/1",
                "DICOM_INSTANCES_ACCESSED" + actor + ct.studyUid(), "1/2",
                "BEGIN_TRANSFERRING_DICOM_INSTANCES" + actor + ct.studyUid(), "3/3"));
    }

    @Test
    void aGzipCompressedBodyIsStoredAndAnUnknownEncodingIsRefused() throws Exception {
        Studies.Study ct = Studies.ct(dir, "Ouma^Gzip", "KE-2006", 3, 32, 32);
        MockHttpServletResponse zipped = new DicomWebCalls(http).stow(clinicA, tokenA, "/studies", parts(ct.files()), "gzip");
        assertThat(zipped.getStatus()).isEqualTo(200);
        assertThat(count(qido(clinicA, tokenA, "studies/" + ct.studyUid() + "/instances"))).isEqualTo(3);

        MockHttpServletResponse brotli = new DicomWebCalls(http).stow(clinicA, tokenA, "/studies", parts(ct.files()), "br");
        assertThat(brotli.getStatus()).isEqualTo(415);
        assertThat(brotli.getContentAsString()).contains("Content-Encoding br is not supported");
    }

    @Test
    void partsRefusedForOneReasonShareOneWarningAndEachKeepsItsFailureReason() throws Exception {
        List<byte[][]> parts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            parts.add(new byte[][] {"application/dicom".getBytes(), ("not DICOM " + i).getBytes()});
        }
        MockHttpServletResponse rsp = stow(clinicA, tokenA, parts);
        assertThat(rsp.getStatus()).isEqualTo(409);
        assertThat(rsp.getHeaders("Warning")).hasSize(1).first().asString().contains("not a DICOM Part-10 file");
        assertThat(rsp.getContentAsString().split("\"00081197\"", -1)).hasSize(31);
    }

    @Test
    void aBatchWithOneNonDicomPartStoresTheRestAndAnswers202() throws Exception {
        Studies.Study ct = Studies.ct(dir, "Ouma^Jim", "KE-2002", 2, 32, 32);
        List<byte[][]> parts = parts(ct.files());
        parts.add(1, new byte[][] {"text/plain".getBytes(), "not an image".getBytes()});
        MockHttpServletResponse rsp = stow(clinicA, tokenA, parts);
        assertThat(rsp.getStatus()).isEqualTo(202);
        assertThat(rsp.getContentAsString()).contains("\"00081197\":{\"vr\":\"US\",\"Value\":[49152]}");
        assertThat(rsp.getHeaders("Warning")).anySatisfy(w -> assertThat(w).contains("not application/dicom"));
        assertThat(count(qido(clinicA, tokenA, "studies/" + ct.studyUid() + "/instances"))).isEqualTo(2);
    }

    @Test
    void instancesWrittenAtOnceAreAnsweredInTheOrderOfTheirParts() throws Exception {
        Studies.Study ct = Studies.ct(dir, "Ouma^Jill", "KE-2005", 9, 32, 32);
        List<Path> sent = new ArrayList<>(ct.files().reversed());
        sent.add(sent.get(4));
        MockHttpServletResponse rsp = stow(clinicA, tokenA, parts(sent));
        assertThat(rsp.getStatus()).isEqualTo(200);
        List<String> referenced = new ArrayList<>();
        new tools.jackson.databind.json.JsonMapper().readTree(rsp.getContentAsString()).get("00081199")
                .get("Value").forEach(item -> referenced.add(item.get("00081155").get("Value").get(0).asString()));
        assertThat(referenced).containsExactlyElementsOf(
                sent.stream().map(f -> f.getFileName().toString().replace(".dcm", "")).toList());
        assertThat(count(qido(clinicA, tokenA, "studies/" + ct.studyUid() + "/instances"))).isEqualTo(9);
    }

    @Test
    void whenObjectStorageFailsNothingIsIndexedAndTheClientIsToldToRetry() throws Exception {
        Studies.Study ct = Studies.ct(dir, "Ouma^Joe", "KE-2004", 2, 32, 32);
        // A file where the clinic's instance folder would go: the object store cannot write there.
        Path instances = Path.of(storage.location().getSchemeSpecificPart()).resolve("tenants")
                .resolve(clinicA.id().toString()).resolve("instances");
        Files.createDirectories(instances.getParent());
        Files.writeString(instances, "in the way");
        MockHttpServletResponse rsp;
        try {
            rsp = stow(clinicA, tokenA, parts(ct.files()));
        } finally {
            Files.delete(instances);
        }
        assertThat(rsp.getStatus()).isEqualTo(503);
        assertThat(rsp.getHeaders("Warning")).anySatisfy(w -> assertThat(w).contains("object storage failed"));
        assertThat(count(qido(clinicA, tokenA, "studies/" + ct.studyUid() + "/instances"))).isZero();

        assertThat(stow(clinicA, tokenA, parts(ct.files())).getStatus()).as("the retry").isEqualTo(200);
        assertThat(count(qido(clinicA, tokenA, "studies/" + ct.studyUid() + "/instances"))).isEqualTo(2);
    }

    @Test
    void anInstanceOfAnotherStudyThanTheUrlNamesIsRefused() throws Exception {
        Studies.Study ct = Studies.ct(dir, "Ouma^Joy", "KE-2003", 1, 32, 32);
        MockHttpServletResponse rsp = stow(clinicA, tokenA, "/studies/1.2.3.4", parts(ct.files()));
        assertThat(rsp.getStatus()).isEqualTo(409);
        assertThat(rsp.getContentAsString()).contains("[43264]");
    }

    @Test
    void aBodyThatIsNotMultipartRelatedIsUnsupported() throws Exception {
        MockHttpServletResponse rsp = http.perform(post("/dicomweb/" + clinicA.slug() + "/studies")
                .header("Authorization", "Bearer " + tokenA.secret()).contentType("application/json").content("{}"))
                .andReturn().getResponse();
        assertThat(rsp.getStatus()).isEqualTo(415);
    }

    @Test
    void qidoMatchesNamesDatesModalitiesAndPages() throws Exception {
        String pid = "KE-Q" + new Random().nextInt(100000);
        for (int i = 0; i < 5; i++) {
            Studies.Study cr = Studies.cr(dir.resolve("cr" + i), i < 3 ? "Doe^Ann" + i : "Smith^Bo" + i, pid,
                    "2026010" + (i + 1));
            stow(clinicA, tokenA, parts(cr.files()));
        }
        assertThat(count(qido(clinicA, tokenA, "studies?PatientID=" + pid))).isEqualTo(5);
        assertThat(count(qido(clinicA, tokenA, "studies?PatientID=" + pid + "&PatientName=doe*"))).isEqualTo(3);
        assertThat(count(qido(clinicA, tokenA, "studies?PatientID=" + pid + "&StudyDate=20260102-20260104")))
                .isEqualTo(3);
        assertThat(count(qido(clinicA, tokenA, "studies?PatientID=" + pid + "&ModalitiesInStudy=CR"))).isEqualTo(5);
        assertThat(count(qido(clinicA, tokenA, "studies?PatientID=" + pid + "&ModalitiesInStudy=MR"))).isZero();
        MockHttpServletResponse page1 = qidoResponse(clinicA, tokenA, "studies?PatientID=" + pid + "&limit=2&offset=0");
        MockHttpServletResponse page3 = qidoResponse(clinicA, tokenA, "studies?PatientID=" + pid + "&limit=2&offset=4");
        assertThat(count(page1.getContentAsString(StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(page1.getHeader("Warning")).as("more pages follow").startsWith("299 ")
                .contains("additional results");
        assertThat(count(page3.getContentAsString(StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(page3.getHeader("Warning")).as("the last page").isNull();
        assertThat(qidoResponse(clinicA, tokenA, "studies?PatientID=" + pid + "&limit=5").getHeader("Warning"))
                .as("exactly all results").isNull();
        assertThat(qido(clinicA, tokenA, "studies?PatientID=" + pid + "&limit=1&includefield=00101010,StudyDescription"))
                .contains("\"00081030\"", "\"00101010\"");
        assertThat(http.perform(get("/dicomweb/" + clinicA.slug() + "/studies?NoSuchAttribute=1")
                .header("Authorization", "Bearer " + tokenA.secret())).andReturn().getResponse().getStatus())
                .isEqualTo(400);
    }

    @Test
    void wadoReturnsTheInstanceAsStoredAndItsMetadataPointsAtThePixels() throws Exception {
        Studies.Study ct = Studies.ct(dir, "Kiprop^Sam", "KE-2004", 1, 32, 32);
        stow(clinicA, tokenA, parts(ct.files()));
        String sop = sop(ct.files().getFirst());
        String instance = "/dicomweb/" + clinicA.slug() + "/studies/" + ct.studyUid() + "/series/" + ct.seriesUid()
                + "/instances/" + sop;
        MockHttpServletResponse rsp = http.perform(get(instance).header("Authorization", "Bearer " + tokenA.secret())
                .header("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*"))
                .andReturn().getResponse();
        assertThat(rsp.getStatus()).isEqualTo(200);
        List<byte[]> parts = multipart(rsp);
        assertThat(parts).hasSize(1);
        assertThat(parts.getFirst()).isEqualTo(Files.readAllBytes(ct.files().getFirst()));

        String metadata = http.perform(get(instance + "/metadata").header("Authorization", "Bearer " + tokenA.secret()))
                .andReturn().getResponse().getContentAsString();
        assertThat(metadata).contains("\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"http://localhost" + instance
                + "/bulkdata/7FE00010\"}");
    }

    @Test
    void aSeriesComesBackAsStoredInstanceByInstanceInTheOrderItArrived() throws Exception {
        Studies.Study ct = Studies.ct(dir, "Wekesa^Ann", "KE-2006", 6, 32, 32);
        List<Path> sent = ct.files().reversed();
        for (Path f : sent) {
            assertThat(stow(clinicA, tokenA, parts(List.of(f))).getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse rsp = http.perform(get("/dicomweb/" + clinicA.slug() + "/studies/" + ct.studyUid()
                        + "/series/" + ct.seriesUid()).header("Authorization", "Bearer " + tokenA.secret())
                .header("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*"))
                .andReturn().getResponse();
        assertThat(rsp.getStatus()).isEqualTo(200);
        List<String> expected = new ArrayList<>();
        for (Path f : sent) {
            expected.add(Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
        }
        assertThat(multipart(rsp).stream().map(Base64.getEncoder()::encodeToString).toList())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void framesAreCutFromNativeAndFromCompressedMultiFrameInstances() throws Exception {
        String study = Studies.uid();
        Attributes ds = Studies.base(UID.MultiFrameGrayscaleWordSecondaryCaptureImageStorage, study, Studies.uid(),
                "OT", "Frames^Four", "KE-2005");
        Studies.pixels(ds, 16, 16, 16, 4, new Random(4));
        Path nativeFile = Studies.write(dir.resolve("native"), ds);
        stow(clinicA, tokenA, parts(List.of(nativeFile)));
        byte[] pixels = ds.getBytes(Tag.PixelData);
        byte[] frame3 = frames(clinicA, tokenA, ds, 3, "application/octet-stream", "*");
        assertThat(frame3).isEqualTo(Arrays.copyOfRange(pixels, 2 * 512, 3 * 512));

        Path rle = dir.resolve("rle.dcm");
        assertThat(com.radrelay.testing.Dcmtk.run("dcmcrle", nativeFile.toString(), rle.toString()).ok()).isTrue();
        Attributes rleDs;
        try (org.dcm4che3.io.DicomInputStream in = new org.dcm4che3.io.DicomInputStream(rle.toFile())) {
            rleDs = in.readDataset();
        }
        rleDs.setString(Tag.SOPInstanceUID, VR.UI, Studies.uid());
        rleDs.setString(Tag.SeriesInstanceUID, VR.UI, Studies.uid());
        Path rleCopy = dir.resolve("rle2.dcm");
        try (org.dcm4che3.io.DicomOutputStream o = new org.dcm4che3.io.DicomOutputStream(rleCopy.toFile())) {
            o.writeDataset(rleDs.createFileMetaInformation(UID.RLELossless), rleDs);
        }
        stow(clinicA, tokenA, parts(List.of(rleCopy)));
        byte[] rleFrame2 = frames(clinicA, tokenA, rleDs, 2, "application/octet-stream", "*");
        assertThat(rleFrame2).isEqualTo(((org.dcm4che3.data.Fragments) rleDs.getValue(Tag.PixelData)).get(2));

        MockHttpServletResponse refused = http.perform(get(frameUrl(clinicA, ds, 1))
                .header("Authorization", "Bearer " + tokenA.secret())
                .header("Accept", "multipart/related; type=\"image/jpeg\"")).andReturn().getResponse();
        assertThat(refused.getStatus()).as("no transcoding: JPEG of a native image is not acceptable").isEqualTo(406);
    }

    @Test
    void bulkDataIsThePixelDataAndUnknownFramesOrTagsAreNotFound() throws Exception {
        Attributes ds = Studies.base(UID.MultiFrameGrayscaleWordSecondaryCaptureImageStorage, Studies.uid(),
                Studies.uid(), "OT", "Bulk^Data", "KE-2007");
        Studies.pixels(ds, 16, 16, 16, 2, new Random(5));
        stow(clinicA, tokenA, parts(List.of(Studies.write(dir.resolve("bulk"), ds))));
        String instance = frameUrl(clinicA, ds, 1).replace("/frames/1", "");
        MockHttpServletResponse pixels = http.perform(get(instance + "/bulkdata/7FE00010")
                .header("Authorization", "Bearer " + tokenA.secret())
                .header("Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*"))
                .andReturn().getResponse();
        assertThat(pixels.getStatus()).isEqualTo(200);
        assertThat(multipart(pixels).getFirst()).isEqualTo(ds.getBytes(Tag.PixelData));
        for (String missing : List.of("/bulkdata/00100010", "/frames/3", "/frames/0")) {
            assertThat(http.perform(get(instance + missing).header("Authorization", "Bearer " + tokenA.secret())
                    .header("Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*"))
                    .andReturn().getResponse().getStatus()).as(missing).isEqualTo(404);
        }
    }

    @Test
    void anotherClinicsTokenOpensNothingOfThisClinic() throws Exception {
        Studies.Study ct = Studies.ct(dir, "Private^Person", "KE-2006", 1, 32, 32);
        stow(clinicA, tokenA, parts(ct.files()));
        assertThat(http.perform(get("/dicomweb/" + clinicA.slug() + "/studies")
                .header("Authorization", "Bearer " + tokenB.secret())).andReturn().getResponse().getStatus())
                .isEqualTo(401);
        assertThat(count(qido(clinicB, tokenB, "studies?StudyInstanceUID=" + ct.studyUid()))).isZero();
        assertThat(http.perform(get("/dicomweb/" + clinicB.slug() + "/studies/" + ct.studyUid())
                .header("Authorization", "Bearer " + tokenB.secret())).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(stow(clinicA, tokenB, parts(ct.files())).getStatus()).isEqualTo(401);
        // Every read door, at the other clinic's URL with its own token: nothing is there; at this clinic's URL with
        // the other clinic's token: not even an answer.
        Attributes ds;
        try (DicomInputStream in = new DicomInputStream(ct.files().getFirst().toFile())) {
            ds = in.readDataset();
        }
        String study = "/studies/" + ct.studyUid();
        String series = study + "/series/" + ct.seriesUid();
        String instance = series + "/instances/" + ds.getString(Tag.SOPInstanceUID);
        for (String door : List.of(study + "/metadata", series, series + "/metadata", instance, instance + "/metadata",
                instance + "/frames/1", instance + "/bulkdata/7FE00010")) {
            assertThat(http.perform(get("/dicomweb/" + clinicB.slug() + door)
                    .header("Authorization", "Bearer " + tokenB.secret())).andReturn().getResponse().getStatus())
                    .as("clinic B's " + door).isEqualTo(404);
        }
        for (String query : List.of(study + "/series", series + "/instances")) {
            assertThat(count(qido(clinicB, tokenB, query.substring(1)))).as("clinic B's " + query).isZero();
        }
        for (String door : List.of(study + "/metadata", instance + "/frames/1", instance + "/bulkdata/7FE00010",
                study + "/series")) {
            assertThat(http.perform(get("/dicomweb/" + clinicA.slug() + door)
                    .header("Authorization", "Bearer " + tokenB.secret())).andReturn().getResponse().getStatus())
                    .as("clinic A's " + door + " with B's token").isEqualTo(401);
        }
    }

    private byte[] frames(Tenant clinic, IssuedToken token, Attributes ds, int frame, String type, String ts)
            throws Exception {
        MockHttpServletResponse rsp = http.perform(get(frameUrl(clinic, ds, frame))
                .header("Authorization", "Bearer " + token.secret())
                .header("Accept", "multipart/related; type=\"" + type + "\"; transfer-syntax=" + ts))
                .andReturn().getResponse();
        assertThat(rsp.getStatus()).as(rsp.getContentAsString()).isEqualTo(200);
        return multipart(rsp).getFirst();
    }

    private static String frameUrl(Tenant clinic, Attributes ds, int frame) {
        return "/dicomweb/" + clinic.slug() + "/studies/" + ds.getString(Tag.StudyInstanceUID) + "/series/"
                + ds.getString(Tag.SeriesInstanceUID) + "/instances/" + ds.getString(Tag.SOPInstanceUID) + "/frames/"
                + frame;
    }

    private MockHttpServletResponse stow(Tenant clinic, IssuedToken token, List<byte[][]> parts) throws Exception {
        return stow(clinic, token, "/studies", parts);
    }

    private MockHttpServletResponse stow(Tenant clinic, IssuedToken token, String path, List<byte[][]> parts)
            throws Exception {
        return new DicomWebCalls(http).stow(clinic, token, path, parts);
    }

    private String qido(Tenant clinic, IssuedToken token, String query) throws Exception {
        return qidoResponse(clinic, token, query).getContentAsString(StandardCharsets.UTF_8);
    }

    private MockHttpServletResponse qidoResponse(Tenant clinic, IssuedToken token, String query) throws Exception {
        MockHttpServletResponse rsp = http.perform(get("/dicomweb/" + clinic.slug() + "/" + query)
                .header("Authorization", "Bearer " + token.secret())).andReturn().getResponse();
        assertThat(rsp.getStatus()).as(rsp.getContentAsString()).isEqualTo(200);
        return rsp;
    }

    /** Results in a QIDO answer: each is one JSON object in the top-level array. */
    private static int count(String json) throws IOException {
        return new tools.jackson.databind.json.JsonMapper().readTree(json).size();
    }

    private static List<byte[][]> parts(List<Path> files) throws IOException {
        return DicomWebCalls.parts(files);
    }

    private static List<byte[]> multipart(MockHttpServletResponse rsp) {
        return DicomWebCalls.multipart(rsp);
    }

    private static String sop(Path file) throws IOException {
        try (org.dcm4che3.io.DicomInputStream in = new org.dcm4che3.io.DicomInputStream(file.toFile())) {
            return in.readFileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID);
        }
    }
}
