package com.radrelay.archive.store;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.VR;
import org.jspecify.annotations.Nullable;

/**
 * What parsing a received instance yields: its file meta information, its data set without pixel data, and
 * where the pixel data sits in the stored object (so frames can be read without reading the whole object).
 *
 * @param pixels null when the instance has no pixel data, or when positions are unknown (deflated data)
 */
public record ParsedInstance(Attributes fileMeta, Attributes dataset, String transferSyntax, @Nullable PixelData pixels) {

    public String sopClassUid() {
        return dataset.getString(Tag.SOPClassUID, "");
    }

    public String sopInstanceUid() {
        return dataset.getString(Tag.SOPInstanceUID, "");
    }

    public String studyInstanceUid() {
        return dataset.getString(Tag.StudyInstanceUID, "");
    }

    public String seriesInstanceUid() {
        return dataset.getString(Tag.SeriesInstanceUID, "");
    }

    /**
     * Native pixel data: {@code offset}/{@code length} of the value; encapsulated: {@code length} -1 and
     * {@code fragments} as (offset, length) pairs, the Basic Offset Table first.
     */
    public record PixelData(int tag, VR vr, long offset, long length, long @Nullable [] fragments) {

        public boolean encapsulated() {
            return length < 0;
        }
    }
}
