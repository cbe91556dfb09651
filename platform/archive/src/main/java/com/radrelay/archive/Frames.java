package com.radrelay.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;

/** Where a frame's bytes are: by arithmetic for native pixel data, by fragments for encapsulated. */
final class Frames {

    /** Supplies the Basic Offset Table only when it is needed (it costs a read). */
    interface OffsetTable {
        long[] read() throws IOException;
    }

    private Frames() {
    }

    static long nativeFrameLength(Attributes ds) {
        long rows = ds.getInt(Tag.Rows, 0);
        long columns = ds.getInt(Tag.Columns, 0);
        long samples = "YBR_FULL_422".equals(ds.getString(Tag.PhotometricInterpretation)) ? 2
                : ds.getInt(Tag.SamplesPerPixel, 1);
        long bits = ds.getInt(Tag.BitsAllocated, 8);
        return (rows * columns * samples * bits + 7) / 8;
    }

    /**
     * The (offset, length) of each fragment that makes up frame {@code number}. {@code pairs} lists all
     * fragments with the Basic Offset Table first; frames map to fragments one to one, all to one for a single
     * frame, else by the offset table.
     */
    static List<long[]> fragmentsOfFrame(long[] pairs, int frames, int number, OffsetTable table) throws IOException {
        int count = pairs.length / 2 - 1;
        List<long[]> all = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            all.add(new long[] {pairs[2 * i], pairs[2 * i + 1]});
        }
        if (count == 0) {
            throw new FrameNotFoundException("encapsulated pixel data without fragments");
        }
        if (frames == 1) {
            return all;
        }
        if (count == frames) {
            return List.of(all.get(number - 1));
        }
        long[] offsets = table.read();
        if (offsets.length != frames) {
            throw new FrameNotFoundException("frame boundaries are unknown: " + count + " fragments for " + frames
                    + " frames and no usable Basic Offset Table");
        }
        // Offsets count from the first fragment's item tag; each fragment adds an 8-byte item header.
        long firstItem = all.getFirst()[0] - 8;
        long start = firstItem + offsets[number - 1];
        long end = number < frames ? firstItem + offsets[number] : Long.MAX_VALUE;
        List<long[]> frame = new ArrayList<>();
        for (long[] f : all) {
            long item = f[0] - 8;
            if (item >= start && item < end) {
                frame.add(f);
            }
        }
        if (frame.isEmpty()) {
            throw new FrameNotFoundException("the Basic Offset Table points at no fragment for frame " + number);
        }
        return frame;
    }
}
