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
record ParsedInstance(Attributes fileMeta, Attributes dataset, String transferSyntax, @Nullable PixelData pixels) {

    String sopClassUid() {
        return dataset.getString(Tag.SOPClassUID, "");
    }

    String sopInstanceUid() {
        return dataset.getString(Tag.SOPInstanceUID, "");
    }

    String studyInstanceUid() {
        return dataset.getString(Tag.StudyInstanceUID, "");
    }

    String seriesInstanceUid() {
        return dataset.getString(Tag.SeriesInstanceUID, "");
    }

    /**
     * Native pixel data: {@code offset}/{@code length} of the value; encapsulated: {@code length} -1 and
     * {@code fragments} as (offset, length) pairs, the Basic Offset Table first.
     */
    record PixelData(int tag, VR vr, long offset, long length, long @Nullable [] fragments) {

        boolean encapsulated() {
            return length < 0;
        }
    }
}
