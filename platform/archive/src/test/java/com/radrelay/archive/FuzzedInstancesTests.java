package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.dicom.DicomNetwork;
import com.radrelay.dicom.DicomServer;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.IssuedToken;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.DicomClinics;
import com.radrelay.testing.DicomWebCalls;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Fragments;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;
import org.dcm4che3.json.JSONReader;
import org.dcm4che3.net.ApplicationEntity;
import org.dcm4che3.net.Association;
import org.dcm4che3.net.Connection;
import org.dcm4che3.net.Device;
import org.dcm4che3.net.DimseRSP;
import org.dcm4che3.net.pdu.AAssociateRQ;
import org.dcm4che3.net.pdu.PresentationContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A seeded mutator sends 1,000 broken instances through C-STORE and 1,000 through STOW-RS, each followed by a valid
 * one: truncated, bytes overwritten, huge declared lengths, wrong VRs, sequences nested thousands deep, deflate
 * bombs and plain garbage. None may hang the door, fault the server or stop the next valid instance: every broken
 * one is stored (a harmless mutation) or refused with a status and a reason, every valid neighbour is stored. The
 * seed is printed on failure's message, so a failing case can be replayed.
 */
@IntegrationTest
@AutoConfigureMockMvc
class FuzzedInstancesTests {

    private static final long SEED = 20261207L;
    private static final int MUTANTS = 1000;
    private static final int PER_REQUEST = 25;

    @Autowired TenantDirectory directory;
    @Autowired DicomNetwork network;
    @Autowired DicomServer dicom;
    @Autowired ApiTokens tokens;
    @Autowired MockMvc http;

    Tenant clinic;

    @BeforeEach
    void aClinic() {
        clinic = DicomClinics.clinicWithDicom(directory, network);
    }

    /** A mutant and what it is, for the failure message. */
    private record Mutant(String kind, String transferSyntax, byte[] bytes) {
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void brokenInstancesThroughCStoreAreAnsweredAndTheirValidNeighboursStored() throws Exception {
        Mutator mutator = new Mutator(new Random(SEED));
        Map<String, Integer> outcomes = new TreeMap<>();
        Device device = new Device("fuzz-scu");
        Connection local = new Connection();
        device.addConnection(local);
        ApplicationEntity ae = new ApplicationEntity("STORESCU");
        device.addApplicationEntity(ae);
        ae.addConnection(local);
        ExecutorService executor = Executors.newCachedThreadPool();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        device.setExecutor(executor);
        device.setScheduledExecutor(scheduler);
        AAssociateRQ rq = new AAssociateRQ();
        rq.setCalledAET(DicomClinics.aeTitle(clinic));
        rq.setCallingAET("STORESCU");
        String[] syntaxes = {UID.ExplicitVRLittleEndian, UID.JPEGLossless, UID.DeflatedExplicitVRLittleEndian};
        for (int i = 0; i < syntaxes.length; i++) {
            rq.addPresentationContext(new PresentationContext(2 * i + 1, UID.CTImageStorage, syntaxes[i]));
        }
        Association as = ae.connect(new Connection("archive", "127.0.0.1", dicom.port()), rq);
        try {
            for (int n = 0; n < MUTANTS; n++) {
                Mutant m = mutator.next(false);
                Attributes rsp = cstore(as, m.transferSyntax(), m.bytes());
                int status = rsp.getInt(Tag.Status, -1);
                String comment = rsp.getString(Tag.ErrorComment, "");
                String what = "mutant " + n + " (" + m.kind() + ", seed " + SEED + ")";
                assertThat(status).as(what + " is answered without a fault of ours").isNotIn(-1, 0x0110);
                if (status != 0 && (status & 0xF000) != 0xB000) {
                    assertThat(comment).as(what + " is refused with a reason").isNotBlank();
                }
                outcomes.merge(m.kind() + (status == 0 ? " stored" : " refused"), 1, Integer::sum);
                Attributes valid = cstore(as, UID.ExplicitVRLittleEndian, datasetBytes(mutator.valid()));
                assertThat(valid.getInt(Tag.Status, -1)).as("the valid instance after " + what).isZero();
            }
        } finally {
            as.release();
            as.waitForSocketClose();
            executor.shutdownNow();
            scheduler.shutdownNow();
        }
        assertThat(outcomes.keySet()).as("every kind of mutation was tried: " + outcomes)
                .anyMatch(k -> k.startsWith("deep refused")).anyMatch(k -> k.startsWith("huge-length refused"))
                .anyMatch(k -> k.startsWith("deflate-bomb refused")).anyMatch(k -> k.startsWith("truncated refused"));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void brokenInstancesThroughStowRsAreAnsweredAndTheirValidNeighboursStored() throws Exception {
        Mutator mutator = new Mutator(new Random(SEED + 1));
        IssuedToken token = CurrentTenant.call(clinic.id(), () -> tokens.issue("fuzz"));
        DicomWebCalls calls = new DicomWebCalls(http);
        int refused = 0;
        for (int request = 0; request < MUTANTS / PER_REQUEST; request++) {
            List<byte[][]> parts = new ArrayList<>();
            List<String> validUids = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            for (int i = 0; i < PER_REQUEST; i++) {
                Mutant m = mutator.next(true);
                kinds.add(m.kind());
                parts.add(new byte[][] {"application/dicom".getBytes(), m.bytes()});
                Attributes valid = mutator.valid();
                validUids.add(valid.getString(Tag.SOPInstanceUID));
                parts.add(new byte[][] {"application/dicom".getBytes(), part10(valid, UID.ExplicitVRLittleEndian)});
            }
            MockHttpServletResponse rsp = calls.stow(clinic, token, "/studies", parts);
            String what = "request " + request + " of " + kinds + " (seed " + (SEED + 1) + ")";
            assertThat(rsp.getStatus()).as(what + " answers, without a fault of ours: " + rsp.getContentAsString())
                    .isIn(200, 202, 409);
            Attributes answer = new JSONReader(jakarta.json.Json.createParser(
                    new ByteArrayInputStream(rsp.getContentAsByteArray()))).readDataset(null);
            List<String> stored = new ArrayList<>();
            Sequence referenced = answer.getSequence(Tag.ReferencedSOPSequence);
            if (referenced != null) {
                referenced.forEach(item -> stored.add(item.getString(Tag.ReferencedSOPInstanceUID)));
            }
            assertThat(stored).as("the valid instances of " + what).containsAll(validUids);
            Sequence failed = answer.getSequence(Tag.FailedSOPSequence);
            int failures = failed == null ? 0 : failed.size();
            assertThat(stored.size() + failures).as("every part of " + what + " is answered").isEqualTo(parts.size());
            if (failed != null) {
                failed.forEach(item -> assertThat(item.getInt(Tag.FailureReason, 0)).as(what)
                        .isNotEqualTo(0x0110));
            }
            refused += failures;
        }
        assertThat(refused).as("the mutants reached the parser rather than passing untouched")
                .isGreaterThan(MUTANTS / 4);
    }

    private static Attributes cstore(Association as, String ts, byte[] data) throws Exception {
        DimseRSP rsp = as.cstore(UID.CTImageStorage, Studies.uid(), 0, (out, tsuid) -> out.write(data), ts);
        rsp.next();
        return rsp.getCommand();
    }

    private static byte[] datasetBytes(Attributes ds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomOutputStream dos = new DicomOutputStream(out, UID.ExplicitVRLittleEndian)) {
            dos.writeDataset(null, ds);
        }
        return out.toByteArray();
    }

    private static byte[] part10(Attributes ds, String ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomOutputStream dos = new DicomOutputStream(out, UID.ExplicitVRLittleEndian)) {
            dos.writeDataset(ds.createFileMetaInformation(ts), ds);
        }
        return out.toByteArray();
    }

    /** Makes seeded mutants of three seed instances; every mutant is new bytes. */
    private static final class Mutator {

        private static final String[] KINDS = {"truncated", "overwritten", "huge-length", "bad-vr", "deep",
            "swapped", "garbage"};
        private final Random random;
        private int count;

        Mutator(Random random) {
            this.random = random;
        }

        /** A valid CT slice with UIDs of its own. */
        Attributes valid() {
            Attributes ds = Studies.base(UID.CTImageStorage, Studies.uid(), Studies.uid(), "CT", "Fuzz^Valid",
                    "KE-FUZZ");
            Studies.pixels(ds, 16, 16, 16, 1, random);
            return ds;
        }

        Mutant next(boolean part10) throws IOException {
            count++;
            // A few deflate bombs: each costs a quarter of a second to make.
            if (count % 250 == 7) {
                return new Mutant("deflate-bomb", UID.DeflatedExplicitVRLittleEndian, bomb(part10));
            }
            int seed = random.nextInt(3);
            Attributes ds = switch (seed) {
                case 0 -> valid();
                case 1 -> withSequences();
                default -> encapsulated();
            };
            String ts = seed == 2 ? UID.JPEGLossless : UID.ExplicitVRLittleEndian;
            byte[] bytes = part10 ? part10(ds, ts) : datasetBytes(ds);
            int start = part10 ? 132 : 0;
            String kind = KINDS[random.nextInt(KINDS.length)];
            byte[] mutated = switch (kind) {
                case "truncated" -> java.util.Arrays.copyOf(bytes, start + random.nextInt(bytes.length - start));
                case "overwritten" -> overwrite(bytes, start);
                case "huge-length" -> hugeLength(bytes, start);
                case "bad-vr" -> badVr(bytes, start);
                case "deep" -> deep(bytes, start, 129 + random.nextInt(4000));
                case "swapped" -> swapped(bytes, start);
                default -> garbage();
            };
            return new Mutant(kind, ts, mutated);
        }

        private Attributes withSequences() {
            Attributes ds = valid();
            Sequence series = ds.newSequence(Tag.ReferencedSeriesSequence, 2);
            for (int i = 0; i < 2; i++) {
                Attributes item = new Attributes();
                item.setString(Tag.SeriesInstanceUID, VR.UI, Studies.uid());
                Sequence instances = item.newSequence(Tag.ReferencedInstanceSequence, 2);
                Attributes ref = new Attributes();
                ref.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.CTImageStorage);
                ref.setString(Tag.ReferencedSOPInstanceUID, VR.UI, Studies.uid());
                instances.add(ref);
                series.add(item);
            }
            return ds;
        }

        private Attributes encapsulated() {
            Attributes ds = valid();
            ds.remove(Tag.PixelData);
            Fragments frags = ds.newFragments(Tag.PixelData, VR.OB, 2);
            frags.add(new byte[0]);
            byte[] frame = new byte[64 + random.nextInt(256)];
            random.nextBytes(frame);
            frags.add(frame);
            return ds;
        }

        private byte[] overwrite(byte[] bytes, int start) {
            byte[] b = bytes.clone();
            for (int i = 1 + random.nextInt(16); i > 0; i--) {
                b[start + random.nextInt(b.length - start)] = (byte) random.nextInt(256);
            }
            return b;
        }

        private byte[] hugeLength(byte[] bytes, int start) {
            byte[] b = bytes.clone();
            int[] e = element(b, start);
            int[] huge = {0xFFFFFFF0, 0x7FFFFFF0, 0xFFFFFFFE, 0x10000000 + random.nextInt(1 << 28)};
            ByteBuffer at = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            if (e[2] == 4) {
                at.putInt(e[1], huge[random.nextInt(huge.length)]);
            } else {
                at.putShort(e[1], (short) 0xFFFF);
            }
            return b;
        }

        private byte[] badVr(byte[] bytes, int start) {
            byte[] b = bytes.clone();
            int[] e = element(b, start);
            b[e[0] + 4] = (byte) (random.nextBoolean() ? 'A' + random.nextInt(26) : random.nextInt(256));
            b[e[0] + 5] = (byte) (random.nextBoolean() ? 'A' + random.nextInt(26) : random.nextInt(256));
            return b;
        }

        /** Sequences of undefined length nested {@code depth} deep, inserted before the first element past group 9. */
        private static byte[] deep(byte[] bytes, int start, int depth) {
            ByteBuffer nested = ByteBuffer.allocate(depth * 36).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < depth; i++) {
                nested.putShort((short) 0x0009).putShort((short) 0x1001).put("SQ".getBytes(StandardCharsets.US_ASCII))
                        .putShort((short) 0).putInt(-1);
                nested.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(-1);
            }
            for (int i = 0; i < depth; i++) {
                nested.putShort((short) 0xFFFE).putShort((short) 0xE00D).putInt(0);
                nested.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
            }
            int at = start;
            for (int[] e : elements(bytes, start)) {
                at = e[0];
                if ((ByteBuffer.wrap(bytes, e[0], 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF) > 0x0009) {
                    break;
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, at);
            out.write(nested.array(), 0, nested.position());
            out.write(bytes, at, bytes.length - at);
            return out.toByteArray();
        }

        private byte[] swapped(byte[] bytes, int start) {
            List<int[]> all = elements(bytes, start);
            if (all.size() < 3) {
                return bytes.clone();
            }
            int i = random.nextInt(all.size() - 2);
            int[] a = all.get(i);
            int[] b = all.get(i + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, a[0]);
            out.write(bytes, b[0], b[3] - b[0]);
            out.write(bytes, a[0], a[3] - a[0]);
            out.write(bytes, b[3], bytes.length - b[3]);
            return out.toByteArray();
        }

        private byte[] garbage() {
            byte[] b = new byte[random.nextInt(4096)];
            random.nextBytes(b);
            return b;
        }

        private int[] element(byte[] bytes, int start) {
            List<int[]> all = elements(bytes, start);
            return all.get(random.nextInt(all.size()));
        }

        /**
         * The top-level elements of explicit VR little endian bytes, up to the first of undefined length: each as
         * its offset, the offset and size of its length field, and its end.
         */
        private static List<int[]> elements(byte[] b, int start) {
            List<int[]> found = new ArrayList<>();
            ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int pos = start;
            while (pos + 8 <= b.length) {
                String vr = new String(b, pos + 4, 2, StandardCharsets.US_ASCII);
                boolean longForm = List.of("OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UT", "UN", "UC", "UR", "SV", "UV")
                        .contains(vr);
                if (longForm && pos + 12 > b.length) {
                    break;
                }
                long length = longForm ? buf.getInt(pos + 8) & 0xFFFFFFFFL : buf.getShort(pos + 6) & 0xFFFF;
                int header = longForm ? 12 : 8;
                long end = pos + header + length;
                found.add(new int[] {pos, longForm ? pos + 8 : pos + 6, longForm ? 4 : 2,
                    (int) Math.min(end, b.length)});
                if (length == 0xFFFFFFFFL || end > b.length) {
                    break;
                }
                pos = (int) end;
            }
            return found;
        }

        /** A CT slice whose 160 MB of zero pixels deflate to a few hundred kilobytes. */
        private byte[] bomb(boolean part10) throws IOException {
            Attributes ds = valid();
            ds.setInt(Tag.Rows, VR.US, 8192);
            ds.setInt(Tag.Columns, VR.US, 10240);
            ds.remove(Tag.PixelData);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (part10) {
                try (DicomOutputStream dos = new DicomOutputStream(out, UID.ExplicitVRLittleEndian)) {
                    dos.writeFileMetaInformation(ds.createFileMetaInformation(UID.DeflatedExplicitVRLittleEndian));
                }
            }
            int pixels = 8192 * 10240 * 2;
            DeflaterOutputStream deflated = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_SPEED, true));
            try (DicomOutputStream dos = new DicomOutputStream(deflated, UID.ExplicitVRLittleEndian)) {
                dos.writeDataset(null, ds);
                dos.writeHeader(Tag.PixelData, VR.OW, pixels);
                byte[] zeros = new byte[1 << 20];
                for (int written = 0; written < pixels; written += zeros.length) {
                    dos.write(zeros);
                }
            }
            return out.toByteArray();
        }
    }
}
