package com.radrelay.archive.store;

import com.radrelay.workflow.Uids;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;

/** The checks an instance passes before it is stored, each failing with the DICOM status a sender understands. */
public final class StoreValidation {

    public static final int CANNOT_UNDERSTAND = 0xC000;
    public static final int DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int OUT_OF_RESOURCES = 0xA700;

    private StoreValidation() {
    }

    /** What can be checked only once the whole instance is in; its UIDs were checked when its object opened. */
    public static void check(ParsedInstance p, InstanceLimits limits) throws MalformedInstanceException {
        try {
            checkFrames(p, limits);
            checkPixelData(p);
        } catch (RuntimeException e) {
            // A value of the wrong form (Rows as text, say) is a malformed image, not a fault of ours.
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, "unreadable image attributes: "
                    + e.getMessage());
        }
    }

    /**
     * A frame is decoded into rows x columns x samples: dimensions beyond the limits are refused before any reader
     * allocates them, with arithmetic that cannot overflow into a small number.
     */
    private static void checkFrames(ParsedInstance p, InstanceLimits limits) throws MalformedInstanceException {
        Attributes ds = p.dataset();
        if (p.pixels() == null) {
            return;
        }
        long rows = ds.getInt(Tag.Rows, 0) & 0xFFFFFFFFL;
        long columns = ds.getInt(Tag.Columns, 0) & 0xFFFFFFFFL;
        if (rows > limits.maxFrameDimension() || columns > limits.maxFrameDimension()) {
            throw new MalformedInstanceException(OUT_OF_RESOURCES, "a " + rows + " x " + columns + " frame is over the "
                    + limits.maxFrameDimension() + " rows/columns limit");
        }
        long bits = ds.getInt(Tag.BitsAllocated, 8) & 0xFFFFFFFFL;
        long samples = ds.getInt(Tag.SamplesPerPixel, 1) & 0xFFFFFFFFL;
        if (bits > 64 || samples > 4) {
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, "Bits Allocated " + bits
                    + " or Samples per Pixel " + samples + " is not an image's");
        }
        long frameBytes = (rows * columns * samples * bits + 7) / 8;
        if (frameBytes > limits.maxFrameBytes()) {
            throw new MalformedInstanceException(OUT_OF_RESOURCES, "a frame of " + frameBytes + " bytes is over the "
                    + limits.maxFrameBytes() / (1024 * 1024) + " MB limit");
        }
        String frames = ds.getString(Tag.NumberOfFrames);
        try {
            if (frames != null && Long.parseLong(frames.strip()) < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, "Number of Frames '" + frames
                    + "' is not a count");
        }
    }

    /** The four UIDs that identify an instance and name its object, each present and well formed. */
    public static void checkUids(Attributes ds) throws MalformedInstanceException {
        uid(ds, Tag.SOPClassUID, "SOP Class UID");
        uid(ds, Tag.SOPInstanceUID, "SOP Instance UID");
        uid(ds, Tag.StudyInstanceUID, "Study Instance UID");
        uid(ds, Tag.SeriesInstanceUID, "Series Instance UID");
    }

    private static void uid(Attributes ds, int tag, String name) throws MalformedInstanceException {
        String value = ds.getString(tag);
        if (value == null || value.isEmpty()) {
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, name + " is missing");
        }
        if (!Uids.valid(value)) {
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, name + " is not a valid UID");
        }
    }

    /** Native pixel data shorter than its own description is a truncated image; refuse it. */
    private static void checkPixelData(ParsedInstance p) throws MalformedInstanceException {
        ParsedInstance.PixelData px = p.pixels();
        if (px == null || px.encapsulated() || px.tag() != Tag.PixelData) {
            return;
        }
        Attributes ds = p.dataset();
        long rows = ds.getInt(Tag.Rows, 0);
        long columns = ds.getInt(Tag.Columns, 0);
        if (rows <= 0 || columns <= 0) {
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, "Pixel Data without Rows and Columns");
        }
        long bits = ds.getInt(Tag.BitsAllocated, 8);
        long samples = ds.getInt(Tag.SamplesPerPixel, 1);
        if ("YBR_FULL_422".equals(ds.getString(Tag.PhotometricInterpretation))) {
            samples = 2; // two chroma samples are shared by each pair of pixels
        }
        long frames = Math.max(1, Long.parseLong(ds.getString(Tag.NumberOfFrames, "1").strip()));
        long expected;
        try {
            expected = Math.addExact(Math.multiplyExact(rows * columns * samples * bits, frames), 7) / 8;
        } catch (ArithmeticException e) {
            expected = Long.MAX_VALUE;
        }
        if (px.length() < expected) {
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, "Pixel Data has " + px.length() + " of the "
                    + expected + " bytes its image needs");
        }
    }
}
