package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.dicom.DicomNetwork;
import com.radrelay.dicom.DicomServer;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.IssuedToken;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.DicomClinics;
import com.radrelay.testing.Dcmtk;
import com.radrelay.testing.Studies;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A 2 GB study (40 multi-frame instances of 52 MB) goes in by C-STORE and comes back by WADO-RS in a JVM whose
 * heap is limited to 1 GB (failsafe's argLine): every byte streams, nothing is held whole.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LargeStudyIT {

    private static final int INSTANCES = 40;
    private static final int FRAMES = 100;
    private static final Path DIR = Path.of("target/large-study");

    @Autowired TenantDirectory directory;
    @Autowired DicomNetwork network;
    @Autowired DicomServer dicom;
    @Autowired ApiTokens tokens;
    @LocalServerPort int httpPort;

    @AfterAll
    static void removeTheFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DIR)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aTwoGigabyteStudyGoesInAndComesOutWithAOneGigabyteHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap limit").isLessThanOrEqualTo(1024L * 1024 * 1024);
        Tenant clinic = DicomClinics.clinicWithDicom(directory, network);
        IssuedToken token = CurrentTenant.call(clinic.id(), () -> tokens.issue("large study test"));
        String study = Studies.uid();
        String series = Studies.uid();
        // A C-STORE carries the data set only, so the archive writes its own file meta information: compare data sets.
        List<String> sent = new ArrayList<>();
        long total = 0;
        for (int i = 1; i <= INSTANCES; i++) {
            Path file = write(study, series, i);
            sent.add(sha256(Files.newInputStream(file)));
            total += Files.size(file);
        }
        assertThat(total).isGreaterThan(2_000_000_000L);

        Dcmtk.Result stored = Dcmtk.run("storescu", "-aet", "STORESCU", "-aec", DicomClinics.aeTitle(clinic), "+sd",
                "127.0.0.1", Integer.toString(dicom.port()), DIR.toString());
        assertThat(stored.ok()).as(stored.output()).isTrue();

        HttpResponse<InputStream> rsp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/dicomweb/" + clinic.slug() + "/studies/" + study))
                .header("Authorization", "Bearer " + token.secret())
                .header("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(rsp.statusCode()).isEqualTo(200);
        String boundary = rsp.headers().firstValue("Content-Type").orElseThrow().replaceAll(".*boundary=([^;]+).*", "$1");
        List<String> received = partHashes(new BufferedInputStream(rsp.body(), 1 << 16), boundary);
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }

    private static Path write(String study, String series, int number) throws IOException {
        Attributes ds = Studies.base(UID.EnhancedCTImageStorage, study, series, "CT", "Large^Study", "KE-LARGE");
        ds.setInt(Tag.InstanceNumber, VR.IS, number);
        ds.setInt(Tag.Rows, VR.US, 512);
        ds.setInt(Tag.Columns, VR.US, 512);
        ds.setInt(Tag.NumberOfFrames, VR.IS, FRAMES);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 12);
        ds.setInt(Tag.HighBit, VR.US, 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        Files.createDirectories(DIR);
        Path file = DIR.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm");
        // Written frame by frame: the test must not hold a 52 MB pixel array either.
        byte[] frame = new byte[512 * 512 * 2];
        Random random = new Random(number);
        try (DicomOutputStream out = new DicomOutputStream(file.toFile())) {
            out.writeDataset(ds.createFileMetaInformation(UID.ExplicitVRLittleEndian), ds);
            out.writeHeader(Tag.PixelData, VR.OW, frame.length * FRAMES);
            for (int f = 0; f < FRAMES; f++) {
                random.nextBytes(frame);
                out.write(frame);
            }
        }
        return file;
    }

    /** Hashes what follows the file meta information of a Part-10 stream. */
    private static final class DatasetDigest {

        private final MessageDigest md = MessageDigest.getInstance("SHA-256");
        private final byte[] head = new byte[144];
        private long seen;
        private long skipUntil = Long.MAX_VALUE;

        DatasetDigest() throws Exception {
        }

        void update(byte b) {
            if (seen < head.length) {
                head[(int) seen] = b;
                if (seen == head.length - 1) {
                    long groupLength = (head[140] & 0xffL) | (head[141] & 0xffL) << 8 | (head[142] & 0xffL) << 16
                            | (head[143] & 0xffL) << 24;
                    skipUntil = head.length + groupLength;
                }
            } else if (seen >= skipUntil) {
                md.update(b);
            }
            seen++;
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** Streams through a multipart body and hashes each part's data set. */
    private static List<String> partHashes(InputStream in, String boundary) throws Exception {
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<String> hashes = new ArrayList<>();
        // Skip to the first delimiter (the body starts with CRLF--boundary).
        DatasetDigest current = null;
        int matched = 0;
        byte[] pending = new byte[delimiter.length];
        int b;
        boolean inHeaders = false;
        int headerState = 0;
        while ((b = in.read()) >= 0) {
            if (inHeaders) {
                headerState = switch (headerState) {
                    case 0, 2 -> b == '\r' ? headerState + 1 : 0;
                    case 1 -> b == '\n' ? 2 : 0;
                    case 3 -> b == '\n' ? 4 : 0;
                    default -> 0;
                };
                if (headerState == 4) {
                    inHeaders = false;
                    current = new DatasetDigest();
                }
                continue;
            }
            if (b == delimiter[matched]) {
                pending[matched++] = (byte) b;
                if (matched == delimiter.length) {
                    if (current != null) {
                        hashes.add(current.hex());
                        current = null;
                    }
                    matched = 0;
                    inHeaders = true;
                    headerState = 0;
                }
                continue;
            }
            if (matched > 0) {
                if (current != null) {
                    for (int k = 0; k < matched; k++) {
                        current.update(pending[k]);
                    }
                }
                matched = b == delimiter[0] ? 1 : 0;
                if (matched == 1) {
                    pending[0] = (byte) b;
                    continue;
                }
            }
            if (current != null) {
                current.update((byte) b);
            }
        }
        return hashes;
    }

    private static String sha256(InputStream in) throws Exception {
        try (InputStream buffered = new BufferedInputStream(in, 1 << 16)) {
            DatasetDigest digest = new DatasetDigest();
            int b;
            while ((b = buffered.read()) >= 0) {
                digest.update((byte) b);
            }
            return digest.hex();
        }
    }
}
