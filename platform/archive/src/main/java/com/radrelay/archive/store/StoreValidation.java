package com.radrelay.archive.store;

import com.radrelay.archive.TransferSyntaxes;
import java.util.Set;
import java.util.regex.Pattern;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;

/** The checks an instance passes before it is stored, each failing with the DICOM status a sender understands. */
public final class StoreValidation {

    public static final int CANNOT_UNDERSTAND = 0xC000;
    public static final int DOES_NOT_MATCH_SOP_CLASS = 0xA900;

    private static final Set<String> TRANSFER_SYNTAXES = Set.copyOf(TransferSyntaxes.STORED_AS_RECEIVED);

    // PS3.5 9.1: components of digits separated by dots, no leading zeros, at most 64 characters.
    private static final Pattern UID_SYNTAX = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private StoreValidation() {
    }

    public static void check(ParsedInstance p) throws MalformedInstanceException {
        if (!TRANSFER_SYNTAXES.contains(p.transferSyntax())) {
            throw new MalformedInstanceException(CANNOT_UNDERSTAND, "transfer syntax " + p.transferSyntax()
                    + " (" + UID.nameOf(p.transferSyntax()) + ") is not accepted");
        }
        checkUids(p.dataset());
        String metaSop = p.fileMeta().getString(Tag.MediaStorageSOPInstanceUID);
        if (metaSop != null && !metaSop.equals(p.sopInstanceUid())) {
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, "file meta information names SOP instance "
                    + metaSop + " but the data set is " + p.sopInstanceUid());
        }
        checkPixelData(p);
    }

    /** The four UIDs that identify an instance and name its object, each present and well formed. */
    public static void checkUids(Attributes ds) throws MalformedInstanceException {
        uid(ds, Tag.SOPClassUID, "SOP Class UID");
        uid(ds, Tag.SOPInstanceUID, "SOP Instance UID");
        uid(ds, Tag.StudyInstanceUID, "Study Instance UID");
        uid(ds, Tag.SeriesInstanceUID, "Series Instance UID");
    }

    /** For a C-STORE: the command's UIDs must be those of the data set. */
    public static void matchesCommand(ParsedInstance p, String sopClass, String sopInstance) throws MalformedInstanceException {
        if (!sopInstance.equals(p.sopInstanceUid())) {
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, "C-STORE is for SOP instance " + sopInstance
                    + " but the data set is " + p.sopInstanceUid());
        }
        if (!sopClass.equals(p.sopClassUid())) {
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, "C-STORE is for SOP class " + sopClass
                    + " but the data set is " + p.sopClassUid());
        }
    }

    private static void uid(Attributes ds, int tag, String name) throws MalformedInstanceException {
        String value = ds.getString(tag);
        if (value == null || value.isEmpty()) {
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, name + " is missing");
        }
        if (value.length() > 64 || !UID_SYNTAX.matcher(value).matches()) {
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, name + " '" + value + "' is not a valid UID");
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
            throw new MalformedInstanceException(DOES_NOT_MATCH_SOP_CLASS, "Pixel Data has " + px.length()
                    + " bytes but Rows x Columns x Samples x Frames x Bits Allocated need " + expected);
        }
    }
}
