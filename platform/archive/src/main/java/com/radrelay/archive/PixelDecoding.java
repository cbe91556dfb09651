package com.radrelay.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.io.DicomInputStream;
import org.springframework.stereotype.Component;

/**
 * Turns a stored frame into modality values: native frames are read by range, compressed instances are decoded
 * with the archive's own codecs (the same ones retrieval uses) and then sliced.
 */
@Component
class PixelDecoding {

    private final InstanceReader reader;

    PixelDecoding(InstanceReader reader) {
        this.reader = reader;
    }

    /**
     * Hands every frame of the instance to {@code each}, in order: native frames one range read at a time, a
     * compressed instance decoded once and then sliced.
     */
    void frames(StoredInstance instance, Attributes metadata, PixelPlane.Consumer each) throws IOException {
        String ts = instance.transferSyntax();
        if (ts.equals(UID.ExplicitVRLittleEndian) || ts.equals(UID.ImplicitVRLittleEndian)) {
            for (int f = 1; f <= instance.numberOfFrames(); f++) {
                try (InputStream in = reader.frame(instance, metadata, f)) {
                    each.accept(toPlane(metadata, in.readAllBytes()));
                }
            }
            return;
        }
        if (!Transcoding.decodable(ts, metadata)) {
            throw new IOException("the archive cannot decode transfer syntax " + ts);
        }
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        try (InputStream in = reader.open(instance)) {
            Transcoding.transcode(in, ts, UID.ExplicitVRLittleEndian, decoded, true);
        }
        Attributes described;
        try (DicomInputStream dis = new DicomInputStream(new ByteArrayInputStream(decoded.toByteArray()))) {
            dis.setIncludeBulkData(DicomInputStream.IncludeBulkData.YES);
            described = dis.readDataset();
        }
        byte[] all = described.getBytes(Tag.PixelData);
        int size = (int) Frames.nativeFrameLength(described);
        for (int f = 1; f <= instance.numberOfFrames(); f++) {
            if (all == null || all.length < (long) f * size) {
                throw new IOException("instance " + instance.sop() + " has no frame " + f);
            }
            each.accept(toPlane(described, Arrays.copyOfRange(all, (f - 1) * size, f * size)));
        }
    }

    /** Stored values to modality values, by the data set's Image Pixel and Modality LUT modules. */
    static PixelPlane toPlane(Attributes ds, byte[] bytes) throws IOException {
        int rows = ds.getInt(Tag.Rows, 0);
        int columns = ds.getInt(Tag.Columns, 0);
        int samples = ds.getInt(Tag.SamplesPerPixel, 1);
        int allocated = ds.getInt(Tag.BitsAllocated, 8);
        int stored = ds.getInt(Tag.BitsStored, allocated);
        boolean signed = ds.getInt(Tag.PixelRepresentation, 0) == 1;
        boolean planar = ds.getInt(Tag.PlanarConfiguration, 0) == 1;
        String photometric = ds.getString(Tag.PhotometricInterpretation, "MONOCHROME2");
        double slope = ds.getDouble(Tag.RescaleSlope, 1);
        double intercept = ds.getDouble(Tag.RescaleIntercept, 0);
        int pixels = rows * columns;
        if (pixels == 0 || (allocated != 8 && allocated != 16) || (samples != 1 && samples != 3)) {
            throw new IOException("unsupported pixel layout: " + rows + "x" + columns + ", " + samples
                    + " sample(s) of " + allocated + " bits");
        }
        if (bytes.length < (long) pixels * samples * allocated / 8) {
            throw new IOException("frame is shorter than its " + rows + "x" + columns + " pixels");
        }
        float[] values = new float[pixels];
        if (samples == 1) {
            for (int i = 0; i < pixels; i++) {
                values[i] = (float) (sample(bytes, i, allocated, stored, signed) * slope + intercept);
            }
        } else {
            boolean ybr = photometric.startsWith("YBR");
            for (int i = 0; i < pixels; i++) {
                int r = planar ? bytes[i] & 0xff : bytes[3 * i] & 0xff;
                int g = planar ? bytes[pixels + i] & 0xff : bytes[3 * i + 1] & 0xff;
                int b = planar ? bytes[2 * pixels + i] & 0xff : bytes[3 * i + 2] & 0xff;
                // In YBR the first sample already is the luminance.
                values[i] = ybr ? r : (float) (0.299 * r + 0.587 * g + 0.114 * b);
            }
        }
        double[] centers = ds.getDoubles(Tag.WindowCenter);
        double[] widths = ds.getDoubles(Tag.WindowWidth);
        PixelPlane.Window window = centers != null && widths != null && centers.length > 0 && widths.length > 0
                && widths[0] >= 1 ? new PixelPlane.Window(centers[0], widths[0]) : null;
        return new PixelPlane(rows, columns, values, window, "MONOCHROME1".equals(photometric));
    }

    private static int sample(byte[] bytes, int i, int allocated, int stored, boolean signed) {
        int raw = allocated == 8 ? bytes[i] & 0xff : (bytes[2 * i] & 0xff) | (bytes[2 * i + 1] & 0xff) << 8;
        int masked = raw & ((1 << stored) - 1);
        if (signed && (masked & (1 << (stored - 1))) != 0) {
            return masked - (1 << stored);
        }
        return masked;
    }
}
