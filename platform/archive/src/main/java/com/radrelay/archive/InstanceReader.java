package com.radrelay.archive.retrieve;

import com.radrelay.archive.index.ArchiveIndex;
import com.radrelay.archive.index.IndexedInstance;
import com.radrelay.storage.ObjectStore;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
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
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads stored instances back: whole objects, single frames and pixel data, reaching frames by the positions
 * recorded at ingest, so a frame costs a range read and not the whole object.
 */
@Component
public class InstanceReader {

    private final ObjectStore objects;
    private final ArchiveIndex index;
    private final TenantJdbcTransactions tx;

    InstanceReader(ObjectStore objects, ArchiveIndex index, TenantJdbcTransactions tx) {
        this.objects = objects;
        this.index = index;
        this.tx = tx;
    }

    /** The current tenant's instances under a study (and series, and instance, when given). */
    public List<IndexedInstance> locate(String study, @Nullable String series, @Nullable String sop) {
        return tx.execute(() -> index.instances(study, series, sop));
    }

    /** The stored object, exactly as received. */
    public InputStream open(IndexedInstance instance) throws IOException {
        TenantId tenant = CurrentTenant.require();
        return objects.open(tenant, path(tenant, instance));
    }

    /** The stored objects of these instances of the current tenant, in order, each requested ahead of its turn. */
    public ReadAhead readAhead(List<IndexedInstance> instances) {
        return new ReadAhead(this, CurrentTenant.require(), instances);
    }

    /** Frame {@code number} (1-based) as its bytes: native pixels, or one compressed bit stream. */
    public InputStream frame(IndexedInstance instance, Attributes metadata, int number) throws IOException {
        if (number < 1 || number > instance.numberOfFrames()) {
            throw new FrameNotFoundException("instance " + instance.sopUid() + " has " + instance.numberOfFrames()
                    + " frame(s), not frame " + number);
        }
        if (instance.pixelOffset() == null && instance.pixelFragments() == null) {
            return frameByParsing(instance, number);
        }
        TenantId tenant = CurrentTenant.require();
        String path = path(tenant, instance);
        if (instance.pixelLength() != null && instance.pixelLength() >= 0) {
            long size = Frames.nativeFrameLength(metadata);
            return objects.openRange(tenant, path, instance.pixelOffset() + (number - 1) * size, size);
        }
        List<long[]> fragments = Frames.fragmentsOfFrame(instance.pixelFragments(), instance.numberOfFrames(), number,
                () -> basicOffsetTable(tenant, path, instance.pixelFragments()));
        long first = fragments.getFirst()[0];
        long[] last = fragments.getLast();
        InputStream span = objects.openRange(tenant, path, first, last[0] + last[1] - first);
        return new FragmentJoiner(span, fragments);
    }

    /** The whole pixel data value: native bytes, or every frame's bit stream one after the other. */
    public InputStream pixelData(IndexedInstance instance, Attributes metadata) throws IOException {
        List<InputStream> frames = new ArrayList<>();
        if (instance.pixelLength() != null && instance.pixelLength() >= 0) {
            TenantId tenant = CurrentTenant.require();
            return objects.openRange(tenant, path(tenant, instance), instance.pixelOffset(), instance.pixelLength());
        }
        for (int f = 1; f <= instance.numberOfFrames(); f++) {
            frames.add(frame(instance, metadata, f));
        }
        return new SequenceInputStream(Collections.enumeration(frames));
    }

    private long[] basicOffsetTable(TenantId tenant, String path, long[] fragments) throws IOException {
        long length = fragments[1];
        if (length == 0) {
            return new long[0];
        }
        byte[] table;
        try (InputStream in = objects.openRange(tenant, path, fragments[0], length)) {
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
    private InputStream frameByParsing(IndexedInstance instance, int number) throws IOException {
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
            throw new FrameNotFoundException("instance " + instance.sopUid() + " has no readable pixel data");
        }
    }

    private static String path(TenantId tenant, IndexedInstance instance) {
        String prefix = "tenants/" + tenant + "/";
        if (!instance.objectKey().startsWith(prefix)) {
            throw new IllegalStateException("instance " + instance.sopUid() + " is not stored under its tenant");
        }
        return instance.objectKey().substring(prefix.length());
    }
}
