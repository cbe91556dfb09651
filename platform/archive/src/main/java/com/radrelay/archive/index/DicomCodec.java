package com.radrelay.archive.index;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.UID;
import org.dcm4che3.io.DicomInputStream;
import org.dcm4che3.io.DicomOutputStream;

/** Attributes kept in the index as Explicit VR Little Endian bytes, without file meta information. */
public final class DicomCodec {

    private DicomCodec() {
    }

    public static byte[] encode(Attributes attrs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (DicomOutputStream out = new DicomOutputStream(bytes, UID.ExplicitVRLittleEndian)) {
            out.writeDataset(null, attrs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Attributes decode(byte[] encoded) {
        try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(encoded), UID.ExplicitVRLittleEndian)) {
            return in.readDataset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
