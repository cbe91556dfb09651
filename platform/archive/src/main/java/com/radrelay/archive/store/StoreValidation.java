package com.radrelay.archive.store;

import com.radrelay.workflow.Uids;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;

/** The checks an instance passes before it is stored, each failing with the DICOM status a sender understands. */
public final class StoreValidation {

    public static final int CANNOT_UNDERSTAND = 0xC000;
    public static final int DOES_NOT_MATCH_SOP_CLASS = 0xA900;



    private StoreValidation() {
    }

    /** What can be checked only once the whole instance is in; its UIDs were checked when its object opened. */
    public static void check(ParsedInstance p) throws MalformedInstanceException {
        checkPixelData(p);
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
        long frames = Math.max(1, ds.getInt(Tag.NumberOfFrames, 1));
        long expected = (rows * columns * samples * frames * bits + 7) / 8;
        if (px.length() < expected) {
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, "Pixel Data has " + px.length() + " of the "
                    + expected + " bytes its image needs");
        }
    }
}
