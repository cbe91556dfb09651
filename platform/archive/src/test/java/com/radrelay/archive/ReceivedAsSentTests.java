package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.audit.AuditLog;
import com.radrelay.dicom.DicomNetwork;
import com.radrelay.dicom.DicomServer;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.IssuedToken;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.DicomClinics;
import com.radrelay.testing.DicomSender;
import com.radrelay.testing.DicomWebCalls;
import com.radrelay.testing.Dcmtk;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Fragments;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomInputStream;
import org.dcm4che3.io.DicomOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The archive keeps what real modalities send (files of docs/benchmarks/conformance-extra, made with DCMTK and
 * pydicom, and the newest transfer syntaxes made here): any transfer syntax and SOP class, as received; what a
 * requester cannot take as stored is decoded where the archive can, and refused with a reason where it cannot.
 */
@IntegrationTest
@AutoConfigureMockMvc
class ReceivedAsSentTests {

    static final Path CORPUS = Path.of("../../docs/benchmarks/conformance-extra").toAbsolutePath().normalize();
    static final String NESTING_REASON = "sequences are nested deeper than 128 levels";

    @Autowired MockMvc http;
    @Autowired TenantDirectory directory;
    @Autowired DicomNetwork network;
    @Autowired DicomServer dicom;
    @Autowired ApiTokens tokens;
    @Autowired AuditLog audit;

    @TempDir Path dir;
    Tenant clinic;
    IssuedToken token;
    DicomWebCalls web;

    @BeforeEach
    void aClinicWithBothDoors() {
        clinic = DicomClinics.clinicWithDicom(directory, network);
        token = CurrentTenant.call(clinic.id(), () -> tokens.issue("PACS"));
        web = new DicomWebCalls(http);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg-spectral-selection.dcm", "jpeg-full-progression.dcm", "explicit-big-endian.dcm",
            "deflated-image-frames.dcm", "private-sop-class.dcm", "uids-as-un.dcm", "meta-uid-mismatch.dcm"})
    void aFileAsModalitiesWriteItIsStoredOverStowAndComesBackByteForByte(String name) throws Exception {
        Path file = CORPUS.resolve(name);
        MockHttpServletResponse stored = web.stow(clinic, token, "/studies", DicomWebCalls.parts(List.of(file)));
        assertThat(stored.getStatus()).as(stored.getContentAsString()).isEqualTo(200);
        List<byte[]> parts = DicomWebCalls.multipart(web.get(clinic, token, instancePath(file),
                "multipart/related; type=\"application/dicom\"; transfer-syntax=*"));
        assertThat(parts).hasSize(1);
        assertThat(parts.getFirst()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void retiredAndNewestTransferSyntaxesAreTakenOverCStoreAsProposedAndKeptAsReceived() throws Exception {
        List<Path> files = List.of(CORPUS.resolve("jpeg-spectral-selection.dcm"),
                CORPUS.resolve("jpeg-full-progression.dcm"), CORPUS.resolve("explicit-big-endian.dcm"),
                CORPUS.resolve("deflated-image-frames.dcm"), CORPUS.resolve("private-sop-class.dcm"),
                encapsulated(UID.HTJ2KLossless), encapsulated(UID.JPEGXLLossless));
        for (Path file : files) {
            DicomSender.Answer answer = send(file);
            assertThat(answer.status()).as(file + ": " + answer.errorComment()).isZero();
            List<byte[]> parts = DicomWebCalls.multipart(web.get(clinic, token, instancePath(file),
                    "multipart/related; type=\"application/dicom\"; transfer-syntax=*"));
            assertThat(parts).as(file.toString()).hasSize(1);
            assertThat(transferSyntax(parts.getFirst())).isEqualTo(transferSyntax(Files.readAllBytes(file)));
            assertThat(dataSetBytes(parts.getFirst())).as("the data set of " + file)
                    .isEqualTo(dataSetBytes(Files.readAllBytes(file)));
        }
    }

    @Test
    void aDeeplyNestedDataSetIsRefusedWithOneReasonOnBothDoorsAndInTheAuditLog() throws Exception {
        Path file = CORPUS.resolve("deeply-nested-sequence.dcm");
        MockHttpServletResponse stow = web.stow(clinic, token, "/studies", DicomWebCalls.parts(List.of(file)));
        assertThat(stow.getStatus()).isEqualTo(409);
        assertThat(stow.getContentAsString()).contains("\"00081197\":{\"vr\":\"US\",\"Value\":[43264]}");
        assertThat(stow.getHeaders("Warning")).anySatisfy(w -> assertThat(w).contains(NESTING_REASON));

        DicomSender.Answer dimse = send(file);
        assertThat(dimse.status()).isEqualTo(0xA900);
        assertThat(dimse.errorComment()).isEqualTo(NESTING_REASON);

        assertThat(audit.recent(clinic.id(), 20)).filteredOn(r -> r.event().action().equals("STORE_REJECTED"))
                .extracting(r -> r.event().detail()).containsExactlyInAnyOrder("status=a900 " + NESTING_REASON,
                        "status=a900 " + NESTING_REASON);
    }

    @Test
    void aPeerThatTakesOnlyUncompressedDataGetsWhatCanBeDecodedAndAReasonForTheRest() throws Exception {
        Path bigEndian = CORPUS.resolve("explicit-big-endian.dcm");
        Path deflated = CORPUS.resolve("deflated-image-frames.dcm");
        Path progressive = CORPUS.resolve("jpeg-full-progression.dcm");
        Path htj2k = encapsulated(UID.HTJ2KLossless);
        for (Path file : List.of(bigEndian, deflated, progressive, htj2k)) {
            assertThat(send(file).status()).isZero();
        }
        assertThat(pixelValues(getUncompressed(bigEndian))).isEqualTo(pixelValues(read(bigEndian)));
        assertThat(nativePixels(getUncompressed(deflated))).isEqualTo(inflatedFrames(read(deflated)));
        assertThat(nativePixels(getUncompressed(progressive))).isEqualTo(jdkDecoded(read(progressive)));

        Path nothing = Files.createDirectories(dir.resolve("htj2k"));
        Dcmtk.Result got = getscu(htj2k, nothing);
        assertThat(listFiles(nothing)).isEmpty();
        assertThat(got.output()).containsIgnoringCase("fail");
        String sop = read(htj2k).getString(Tag.SOPInstanceUID);
        assertThat(audit.recent(clinic.id(), 20)).filteredOn(r -> sop.equals(r.event().objectId()))
                .extracting(r -> r.event().action() + " " + r.event().detail())
                .contains("RETRIEVE_SUBOPERATION_FAILED stored as " + UID.nameOf(UID.HTJ2KLossless)
                        + ", which the requester does not accept and the archive cannot convert");
    }

    @Test
    void wadoDecodesAnInstanceToTheTransferSyntaxTheClientNamesOrAnswers406() throws Exception {
        Path bigEndian = CORPUS.resolve("explicit-big-endian.dcm");
        Path htj2k = encapsulated(UID.HTJ2KLossless);
        web.stow(clinic, token, "/studies", DicomWebCalls.parts(List.of(bigEndian, htj2k)));
        String explicitLittle = "multipart/related; type=\"application/dicom\"; transfer-syntax="
                + UID.ExplicitVRLittleEndian;

        List<byte[]> parts = DicomWebCalls.multipart(web.get(clinic, token, instancePath(bigEndian), explicitLittle));
        assertThat(parts).hasSize(1);
        assertThat(transferSyntax(parts.getFirst())).isEqualTo(UID.ExplicitVRLittleEndian);
        assertThat(pixelValues(parse(parts.getFirst()))).isEqualTo(pixelValues(read(bigEndian)));

        MockHttpServletResponse refused = web.get(clinic, token, instancePath(htj2k), explicitLittle);
        assertThat(refused.getStatus()).isEqualTo(406);
        assertThat(refused.getContentAsString()).contains("cannot convert");
    }

    @Test
    void uidsEncodedAsUnAndUidsTheSenderGotWrongAreKeptUnderTheDataSetsUids() throws Exception {
        // DCMTK reads the UN-encoded SOP Instance UID as "32" and puts that in its C-STORE command.
        Path asUn = CORPUS.resolve("uids-as-un.dcm");
        Dcmtk.Result sent = Dcmtk.run("dcmsend", "-aet", "STORESCU", "-aec", DicomClinics.aeTitle(clinic),
                "127.0.0.1", Integer.toString(dicom.port()), asUn.toString());
        assertThat(sent.ok()).as(sent.output()).isTrue();
        Path mismatch = CORPUS.resolve("meta-uid-mismatch.dcm");
        assertThat(web.stow(clinic, token, "/studies", DicomWebCalls.parts(List.of(mismatch))).getStatus())
                .isEqualTo(200);
        for (Path file : List.of(asUn, mismatch)) {
            String sop = read(file).getString(Tag.SOPInstanceUID);
            assertThat(web.get(clinic, token, "instances?SOPInstanceUID=" + sop, null).getContentAsString())
                    .contains(sop);
            assertThat(audit.recent(clinic.id(), 20)).filteredOn(r -> sop.equals(r.event().objectId()))
                    .extracting(r -> r.event().action()).contains("SOP_UID_MISMATCH");
        }
    }

    private DicomSender.Answer send(Path file) throws Exception {
        return DicomSender.send(dicom.port(), "STORESCU", DicomClinics.aeTitle(clinic), file);
    }

    /** C-GET with getscu's default proposals: uncompressed transfer syntaxes only. */
    private Attributes getUncompressed(Path file) throws IOException {
        Path out = Files.createDirectories(dir.resolve("got-" + file.getFileName()));
        Dcmtk.Result got = getscu(file, out);
        List<Path> files = listFiles(out);
        assertThat(files).as(got.output()).hasSize(1);
        Attributes received = parse(Files.readAllBytes(files.getFirst()));
        assertThat(Transcoding.UNCOMPRESSED).contains(transferSyntax(Files.readAllBytes(files.getFirst())));
        return received;
    }

    private Dcmtk.Result getscu(Path file, Path out) throws IOException {
        Attributes ds = read(file);
        return Dcmtk.run("getscu", "-aet", "GETSCU", "-aec", DicomClinics.aeTitle(clinic), "-S", "-od", out.toString(),
                "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + ds.getString(Tag.StudyInstanceUID),
                "-k", "SeriesInstanceUID=" + ds.getString(Tag.SeriesInstanceUID),
                "-k", "SOPInstanceUID=" + ds.getString(Tag.SOPInstanceUID),
                "127.0.0.1", Integer.toString(dicom.port()));
    }

    /** A small image whose pixel data is encapsulated in {@code ts}; its bytes are kept, never decoded. */
    private Path encapsulated(String ts) throws IOException {
        Attributes ds = Studies.base(UID.SecondaryCaptureImageStorage, Studies.uid(), Studies.uid(), "OT",
                "Nyambura^Faith", "KE-5001");
        ds.setInt(Tag.Rows, VR.US, 16);
        ds.setInt(Tag.Columns, VR.US, 16);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.BitsAllocated, VR.US, 8);
        ds.setInt(Tag.BitsStored, VR.US, 8);
        ds.setInt(Tag.HighBit, VR.US, 7);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        Fragments fragments = ds.newFragments(Tag.PixelData, VR.OB, 2);
        fragments.add(new byte[0]);
        byte[] stream = new byte[96];
        new Random(ts.hashCode()).nextBytes(stream);
        fragments.add(stream);
        Path file = dir.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm");
        try (DicomOutputStream out = new DicomOutputStream(file.toFile())) {
            out.writeDataset(ds.createFileMetaInformation(ts), ds);
        }
        return file;
    }

    private static String instancePath(Path file) throws IOException {
        Attributes ds = read(file);
        return "studies/" + ds.getString(Tag.StudyInstanceUID) + "/series/" + ds.getString(Tag.SeriesInstanceUID)
                + "/instances/" + ds.getString(Tag.SOPInstanceUID);
    }

    private static Attributes read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    private static Attributes parse(byte[] part10) throws IOException {
        try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(part10))) {
            in.setIncludeBulkData(DicomInputStream.IncludeBulkData.YES);
            return in.readDataset();
        }
    }

    private static String transferSyntax(byte[] part10) throws IOException {
        try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(part10))) {
            return in.getTransferSyntax();
        }
    }

    /** The bytes after the file meta information, exactly as encoded. */
    private static byte[] dataSetBytes(byte[] part10) throws IOException {
        long groupLength = ByteBuffer.wrap(part10, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        return Arrays.copyOfRange(part10, (int) (144 + groupLength), part10.length);
    }

    /** 16-bit pixel values whatever the byte order they were encoded in. */
    private static int[] pixelValues(Attributes ds) {
        return ds.getInts(Tag.PixelData);
    }

    private static byte[] nativePixels(Attributes ds) throws IOException {
        return ds.getBytes(Tag.PixelData);
    }

    private static byte[] inflatedFrames(Attributes ds) throws Exception {
        Fragments fragments = (Fragments) ds.getValue(Tag.PixelData);
        int frameLength = ds.getInt(Tag.Rows, 0) * ds.getInt(Tag.Columns, 0) * ds.getInt(Tag.BitsAllocated, 8) / 8;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int f = 1; f < fragments.size(); f++) {
            Inflater inflater = new Inflater(true);
            inflater.setInput((byte[]) fragments.get(f));
            byte[] frame = new byte[frameLength];
            assertThat(inflater.inflate(frame)).isEqualTo(frameLength);
            inflater.end();
            all.write(frame);
        }
        return all.toByteArray();
    }

    private static byte[] jdkDecoded(Attributes ds) throws IOException {
        Fragments fragments = (Fragments) ds.getValue(Tag.PixelData);
        try (InputStream in = new ByteArrayInputStream((byte[]) fragments.get(1))) {
            var image = ImageIO.read(in);
            return ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        }
    }

    private static List<Path> listFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
