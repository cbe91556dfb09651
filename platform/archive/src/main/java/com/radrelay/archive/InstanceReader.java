package com.radrelay.archive;

import com.radrelay.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.BulkData;
import org.dcm4che3.data.Fragments;
import org.dcm4che3.data.Tag;
import org.dcm4che3.io.DicomInputStream;
import org.springframework.stereotype.Component;

/**
 * Reads stored instances back: whole objects, single frames and pixel data, reaching frames by the positions
 * recorded at ingest, so a frame costs a range read and not the whole object.
 */
@Component
class InstanceReader {

    private final ObjectStore objects;

    InstanceReader(ObjectStore objects) {
        this.objects = objects;
    }

    /** The stored object, exactly as received. */
    InputStream open(StoredInstance instance) throws IOException {
        return objects.open(instance.object());
    }

    /** The stored objects of these instances, in order, each requested ahead of its turn. */
    ReadAhead readAhead(List<StoredInstance> instances) {
        return new ReadAhead(this, instances);
    }

    /** Frame {@code number} (1-based) as its bytes: native pixels, or one compressed bit stream. */
    InputStream frame(StoredInstance instance, Attributes metadata, int number) throws IOException {
        if (number < 1 || number > instance.numberOfFrames()) {
            throw new FrameNotFoundException("instance " + instance.sop() + " has " + instance.numberOfFrames()
                    + " frame(s), not frame " + number);
        }
        Long offset = instance.pixelOffset();
        Long length = instance.pixelLength();
        long[] fragments = instance.pixelFragments();
        if (offset != null && length != null && length >= 0) {
            long size = Frames.nativeFrameLength(metadata);
            return objects.openRange(instance.object(), offset + (number - 1) * size, size);
        }
        if (fragments == null) {
            return frameByParsing(instance, number);
        }
        List<long[]> frame = Frames.fragmentsOfFrame(fragments, instance.numberOfFrames(), number,
                () -> basicOffsetTable(instance, fragments));
        long first = frame.getFirst()[0];
        long[] last = frame.getLast();
        return new FragmentJoiner(objects.openRange(instance.object(), first, last[0] + last[1] - first), frame);
    }

    /** The whole pixel data value: native bytes, or every frame's bit stream one after the other. */
    InputStream pixelData(StoredInstance instance, Attributes metadata) throws IOException {
        Long offset = instance.pixelOffset();
        Long length = instance.pixelLength();
        if (offset != null && length != null && length >= 0) {
            return objects.openRange(instance.object(), offset, length);
        }
        List<InputStream> frames = new ArrayList<>();
        for (int f = 1; f <= instance.numberOfFrames(); f++) {
            frames.add(frame(instance, metadata, f));
        }
        return new SequenceInputStream(Collections.enumeration(frames));
    }

    private long[] basicOffsetTable(StoredInstance instance, long[] fragments) throws IOException {
        long length = fragments[1];
        if (length == 0) {
            return new long[0];
        }
        byte[] table;
        try (InputStream in = objects.openRange(instance.object(), fragments[0], length)) {
            table = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        long[] offsets = new long[table.length / 4];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = Integer.toUnsignedLong(b.getInt());
        }
        return offsets;
    }

    /** Deflated data sets: positions in the stored bytes mean nothing, so the object is parsed. */
    private InputStream frameByParsing(StoredInstance instance, int number) throws IOException {
        try (DicomInputStream in = new DicomInputStream(open(instance))) {
            in.setIncludeBulkData(DicomInputStream.IncludeBulkData.YES);
            Attributes ds = in.readDataset();
            Object value = ds.getValue(Tag.PixelData);
            if (value instanceof byte[] bytes) {
                int size = (int) Frames.nativeFrameLength(ds);
                return new ByteArrayInputStream(bytes, (number - 1) * size, size);
            }
            if (value instanceof Fragments fragments && fragments.size() == instance.numberOfFrames() + 1) {
                return new ByteArrayInputStream((byte[]) fragments.get(number));
            }
            if (value instanceof BulkData) {
                throw new IOException("unexpected bulk data reference in a parsed instance");
            }
            throw new FrameNotFoundException("instance " + instance.sop() + " has no readable pixel data");
        }
    }
}
