package com.radrelay.archive.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.BulkData;
import org.dcm4che3.data.Fragments;
import org.dcm4che3.data.ItemPointer;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.BulkDataDescriptor;
import org.dcm4che3.io.DicomInputStream;
import org.dcm4che3.io.DicomOutputStream;

/**
 * Parses an incoming instance while it streams into the spool: the data set is read into memory except the
 * pixel data, whose position in the stored bytes is recorded instead.
 */
public final class InstanceParser {

    private static final BulkDataDescriptor PIXEL_DATA_ONLY = new BulkDataDescriptor() {
        @Override
        public boolean isBulkData(List<ItemPointer> itemPointer, String privateCreator, int tag, VR vr, int length) {
            return itemPointer.isEmpty()
                    && (tag == Tag.PixelData || tag == Tag.FloatPixelData || tag == Tag.DoubleFloatPixelData);
        }
    };

    private InstanceParser() {
    }

    /**
     * A C-STORE data set (no file meta information): writes file meta information for it into the spool first,
     * then spools and parses the data set.
     */
    public static ParsedInstance parseDataset(InputStream data, String transferSyntax, String sopClass, String sopInstance,
            String sourceAe, Spool spool) throws IOException {
        Attributes fmi = Attributes.createFileMetaInformation(sopInstance, sopClass, transferSyntax);
        fmi.setString(Tag.SourceApplicationEntityTitle, VR.AE, sourceAe);
        DicomOutputStream out = new DicomOutputStream(spool, UID.ExplicitVRLittleEndian);
        out.writeFileMetaInformation(fmi);
        out.flush();
        long datasetStart = spool.length();
        TeeInputStream tee = new TeeInputStream(data, spool);
        DicomInputStream in = new DicomInputStream(tee, transferSyntax);
        ParsedInstance parsed = read(in, fmi, transferSyntax, datasetStart);
        tee.drain();
        return parsed;
    }

    /** A Part-10 file (STOW-RS part): spooled as received. */
    public static ParsedInstance parseFile(InputStream file, Spool spool) throws IOException {
        TeeInputStream tee = new TeeInputStream(file, spool);
        DicomInputStream in = new DicomInputStream(tee);
        Attributes fmi = in.getFileMetaInformation();
        if (fmi == null) {
            throw new MalformedInstanceException(0xC000, "not a DICOM Part-10 file: no file meta information");
        }
        ParsedInstance parsed = read(in, fmi, in.getTransferSyntax(), 0);
        tee.drain();
        return parsed;
    }

    private static ParsedInstance read(DicomInputStream in, Attributes fmi, String ts, long base) throws IOException {
        boolean deflated = ts.equals(UID.DeflatedExplicitVRLittleEndian) || ts.equals(UID.JPIPReferencedDeflate);
        // Positions inside inflated data say nothing about the stored bytes: such pixel data is read by parsing.
        in.setIncludeBulkData(deflated ? DicomInputStream.IncludeBulkData.NO : DicomInputStream.IncludeBulkData.URI);
        in.setBulkDataDescriptor(PIXEL_DATA_ONLY);
        in.setURI("spool");
        Attributes dataset;
        try {
            dataset = in.readDataset();
        } catch (IOException | RuntimeException e) {
            throw new MalformedInstanceException(0xC000, "cannot parse the data set as " + UID.nameOf(ts) + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        ParsedInstance.PixelData pixels = null;
        for (int tag : new int[] {Tag.PixelData, Tag.FloatPixelData, Tag.DoubleFloatPixelData}) {
            Object value = dataset.getValue(tag);
            VR vr = dataset.getVR(tag);
            if (value instanceof BulkData bulk) {
                pixels = new ParsedInstance.PixelData(tag, vr, base + bulk.offset(), bulk.longLength(), null);
            } else if (value instanceof Fragments fragments) {
                pixels = new ParsedInstance.PixelData(tag, vr, -1, -1, positions(fragments, base));
            }
            if (value != null) {
                dataset.remove(tag);
            }
        }
        return new ParsedInstance(fmi, dataset, ts, pixels);
    }

    private static long[] positions(Fragments fragments, long base) {
        long[] pairs = new long[fragments.size() * 2];
        for (int i = 0; i < fragments.size(); i++) {
            if (fragments.get(i) instanceof BulkData bulk) {
                pairs[2 * i] = base + bulk.offset();
                pairs[2 * i + 1] = bulk.longLength();
            } else {
                pairs[2 * i] = -1;
                pairs[2 * i + 1] = 0;
            }
        }
        return pairs;
    }
}
