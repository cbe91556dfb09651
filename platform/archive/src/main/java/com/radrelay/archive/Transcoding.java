package com.radrelay.archive;

import com.radrelay.archive.retrieve.Decompression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.imageio.codec.ImageReaderFactory;
import org.dcm4che3.imageio.codec.Transcoder;
import org.dcm4che3.io.DicomInputStream;
import org.dcm4che3.io.DicomOutputStream;

/**
 * Hands a stored instance out in another transfer syntax when the requester cannot take it as stored. The stored
 * object never changes. What can be decoded here: every uncompressed encoding (re-encoded by dcm4che), RLE (dcm4che's
 * reader), 8-bit JPEG baseline, extended, spectral selection and progressive (the JDK's JPEG reader), JPEG lossless
 * (our decoder) and deflated image frames (inflated); nothing is compressed.
 */
final class Transcoding {

    /** Uncompressed transfer syntaxes, in the order one is picked when several are accepted. */
    static final List<String> UNCOMPRESSED = List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian,
            UID.ExplicitVRBigEndian, UID.DeflatedExplicitVRLittleEndian);
    private static final Set<String> JDK_JPEG = Set.of(UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit,
            UID.JPEGSpectralSelectionNonHierarchical68, UID.JPEGFullProgressionNonHierarchical1012);
    private static final String JDK_JPEG_READER = "com.sun.imageio.plugins.jpeg.JPEGImageReader";

    static {
        // dcm4che maps the JPEG family to its OpenCV codecs, which this build does not have; the JDK reads 8-bit JPEG.
        ImageReaderFactory readers = new ImageReaderFactory();
        try {
            readers.load("org/dcm4che3/imageio/codec/ImageReaderFactory.properties");
        } catch (IOException e) {
            throw new IllegalStateException("dcm4che's image reader list is missing", e);
        }
        for (String ts : JDK_JPEG) {
            readers.put(ts, new ImageReaderFactory.ImageReaderParam("jpeg", JDK_JPEG_READER, null, new String[0]));
        }
        ImageReaderFactory.setDefault(readers);
    }

    private Transcoding() {
    }

    /**
     * The transfer syntax to send an instance in: as stored when accepted, else the first uncompressed one accepted,
     * if the stored encoding can be decoded here.
     */
    static Optional<String> choose(String stored, Attributes metadata, Collection<String> accepted) {
        if (accepted.contains(stored)) {
            return Optional.of(stored);
        }
        if (!decodable(stored, metadata)) {
            return Optional.empty();
        }
        return UNCOMPRESSED.stream().filter(accepted::contains).findFirst();
    }

    /** Whether pixel data stored in {@code ts} can be decoded here (data sets without pixel data always can). */
    static boolean decodable(String ts, Attributes metadata) {
        if (UNCOMPRESSED.contains(ts) || ts.equals(UID.RLELossless) || Decompression.decodes(ts)) {
            return true;
        }
        if (JDK_JPEG.contains(ts)) {
            return metadata.getInt(Tag.BitsStored, metadata.getInt(Tag.BitsAllocated, 8)) <= 8;
        }
        return false;
    }

    /** Why an instance cannot be sent to a requester that accepts only {@code accepted}: the same words everywhere. */
    static String refusal(String stored, Collection<String> accepted) {
        return "stored as " + UID.nameOf(stored) + ", which the requester does not accept"
                + (accepted.isEmpty() ? "" : " and the archive cannot convert");
    }

    /**
     * Writes the stored Part-10 object {@code in} (encoded in {@code stored}) in {@code ts}: as a Part-10 file with
     * {@code fileMeta}, else the data set alone (a DIMSE C-STORE's).
     */
    static void transcode(InputStream in, String stored, String ts, OutputStream out, boolean fileMeta)
            throws IOException {
        if (Decompression.decodes(stored)) {
            // Codecs dcm4che has no Java reader for: decoded here, in memory.
            Attributes dataset;
            try (DicomInputStream dis = new DicomInputStream(in)) {
                dis.setIncludeBulkData(DicomInputStream.IncludeBulkData.YES);
                dataset = Decompression.toNative(dis.readDataset(), stored);
            }
            DicomOutputStream dos = new DicomOutputStream(out, fileMeta ? UID.ExplicitVRLittleEndian : ts);
            dos.writeDataset(fileMeta ? dataset.createFileMetaInformation(ts) : null, dataset);
            dos.finish();
            return;
        }
        try (Transcoder transcoder = new Transcoder(in)) {
            transcoder.setIncludeFileMetaInformation(fileMeta);
            transcoder.setCloseOutputStream(false);
            transcoder.setDestinationTransferSyntax(ts);
            transcoder.transcode((t, dataset) -> out);
        }
        out.flush();
    }
}
