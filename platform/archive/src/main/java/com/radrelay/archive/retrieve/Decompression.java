package com.radrelay.archive.retrieve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Fragments;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;

/**
 * Turns a stored compressed data set into native pixel data for a peer that accepts nothing else. Only lossless
 * JPEG is decoded (the other compressed syntaxes have to be accepted as stored); the stored object never changes.
 */
public final class Decompression {

    public static final Set<String> DECODABLE = Set.of(UID.JPEGLossless, UID.JPEGLosslessSV1);

    private Decompression() {
    }

    /** The data set with native pixel data in place of its JPEG lossless fragments. */
    public static Attributes toNative(Attributes ds) throws IOException {
        if (!(ds.getValue(Tag.PixelData) instanceof Fragments fragments) || fragments.size() < 2) {
            throw new IOException("no encapsulated pixel data to decode");
        }
        int frames = Math.max(1, ds.getInt(Tag.NumberOfFrames, 1));
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        if (frames == fragments.size() - 1) {
            for (int f = 1; f <= frames; f++) {
                pixels.write(JpegLosslessDecoder.decode((byte[]) fragments.get(f)).toLittleEndianBytes());
            }
        } else if (frames == 1) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int f = 1; f < fragments.size(); f++) {
                stream.write((byte[]) fragments.get(f));
            }
            pixels.write(JpegLosslessDecoder.decode(stream.toByteArray()).toLittleEndianBytes());
        } else {
            throw new IOException(frames + " frames in " + (fragments.size() - 1) + " fragments cannot be split");
        }
        Attributes result = new Attributes(ds);
        result.setBytes(Tag.PixelData, ds.getInt(Tag.BitsAllocated, 16) > 8 ? VR.OW : VR.OB, pixels.toByteArray());
        return result;
    }
}
