package com.radrelay.archive.retrieve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Fragments;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;

/**
 * Decodes the compressed encodings dcm4che has no Java reader for into native pixel data: JPEG lossless (process 14,
 * and its first-order predictor form) and Deflated Image Frame Compression (each frame deflated, RFC 1951). The
 * stored object never changes.
 */
public final class Decompression {

    private static final Set<String> JPEG_LOSSLESS = Set.of(UID.JPEGLossless, UID.JPEGLosslessSV1);
    private static final String DEFLATED_IMAGE_FRAMES = UID.DeflatedImageFrameCompression;

    private Decompression() {
    }

    /** Whether pixel data stored in {@code ts} is one this class decodes. */
    public static boolean decodes(String ts) {
        return JPEG_LOSSLESS.contains(ts) || ts.equals(DEFLATED_IMAGE_FRAMES);
    }

    /** The data set with native pixel data in place of its encapsulated fragments. */
    public static Attributes toNative(Attributes ds, String ts) throws IOException {
        if (!(ds.getValue(Tag.PixelData) instanceof Fragments fragments) || fragments.size() < 2) {
            throw new IOException("no encapsulated pixel data to decode");
        }
        int frames = Math.max(1, ds.getInt(Tag.NumberOfFrames, 1));
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        for (byte[] frame : frames(fragments, frames)) {
            pixels.write(ts.equals(DEFLATED_IMAGE_FRAMES) ? inflate(frame)
                    : JpegLosslessDecoder.decode(frame).toLittleEndianBytes());
        }
        Attributes result = new Attributes(ds);
        result.setBytes(Tag.PixelData, ds.getInt(Tag.BitsAllocated, 16) > 8 ? VR.OW : VR.OB, pixels.toByteArray());
        return result;
    }

    /** Each frame's compressed bytes: one fragment per frame, or all fragments of a single frame joined. */
    private static List<byte[]> frames(Fragments fragments, int frames) throws IOException {
        List<byte[]> result = new ArrayList<>(frames);
        if (frames == fragments.size() - 1) {
            for (int f = 1; f <= frames; f++) {
                result.add((byte[]) fragments.get(f));
            }
        } else if (frames == 1) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int f = 1; f < fragments.size(); f++) {
                stream.write((byte[]) fragments.get(f));
            }
            result.add(stream.toByteArray());
        } else {
            throw new IOException(frames + " frames in " + (fragments.size() - 1) + " fragments cannot be split");
        }
        return result;
    }

    private static byte[] inflate(byte[] deflated) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 3);
            byte[] buf = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("a deflated frame ends before its end of stream");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException("a deflated frame is not valid deflate data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
