package com.radrelay.archive;

import com.radrelay.storage.ObjectKey;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.SeriesUid;
import com.radrelay.workflow.SopInstanceUid;
import com.radrelay.workflow.StudyUid;
import org.jspecify.annotations.Nullable;

/**
 * One instance the archive holds for a clinic, as its read side hands it out: what it is, and (known to the archive
 * alone) where its object and its pixel data are.
 */
public final class StoredInstance {

    private final long pk;
    private final TenantId tenant;
    private final StudyUid study;
    private final SeriesUid series;
    private final SopInstanceUid sop;
    private final String sopClassUid;
    private final String transferSyntax;
    private final @Nullable Integer instanceNumber;
    private final int numberOfFrames;
    private final long size;
    private final ObjectKey object;
    private final @Nullable Integer pixelTag;
    private final @Nullable String pixelVr;
    private final @Nullable Long pixelOffset;
    private final @Nullable Long pixelLength;
    private final long @Nullable [] pixelFragments;

    StoredInstance(long pk, TenantId tenant, StudyUid study, SeriesUid series, SopInstanceUid sop, String sopClassUid,
            String transferSyntax, @Nullable Integer instanceNumber, int numberOfFrames, long size, ObjectKey object,
            @Nullable Integer pixelTag, @Nullable String pixelVr, @Nullable Long pixelOffset,
            @Nullable Long pixelLength, long @Nullable [] pixelFragments) {
        if (!object.tenant().equals(tenant)) {
            throw new IllegalStateException("instance " + sop + " of " + tenant + " names an object of another tenant");
        }
        this.pk = pk;
        this.tenant = tenant;
        this.study = study;
        this.series = series;
        this.sop = sop;
        this.sopClassUid = sopClassUid;
        this.transferSyntax = transferSyntax;
        this.instanceNumber = instanceNumber;
        this.numberOfFrames = numberOfFrames;
        this.size = size;
        this.object = object;
        this.pixelTag = pixelTag;
        this.pixelVr = pixelVr;
        this.pixelOffset = pixelOffset;
        this.pixelLength = pixelLength;
        this.pixelFragments = pixelFragments;
    }

    public TenantId tenant() {
        return tenant;
    }

    public StudyUid study() {
        return study;
    }

    public SeriesUid series() {
        return series;
    }

    public SopInstanceUid sop() {
        return sop;
    }

    public String sopClassUid() {
        return sopClassUid;
    }

    /** The transfer syntax the instance is stored in: exactly as it was received. */
    public String transferSyntax() {
        return transferSyntax;
    }

    public @Nullable Integer instanceNumber() {
        return instanceNumber;
    }

    public int numberOfFrames() {
        return numberOfFrames;
    }

    /** The size of the stored Part-10 object in bytes. */
    public long size() {
        return size;
    }

    /** The tag of its pixel data (Pixel Data, Float or Double Float Pixel Data), if it has any. */
    public @Nullable Integer pixelTag() {
        return pixelTag;
    }

    public @Nullable String pixelVr() {
        return pixelVr;
    }

    long pk() {
        return pk;
    }

    ObjectKey object() {
        return object;
    }

    @Nullable Long pixelOffset() {
        return pixelOffset;
    }

    /** Native pixel data: its length; encapsulated: -1 (see {@link #pixelFragments()}); unknown positions: null. */
    @Nullable Long pixelLength() {
        return pixelLength;
    }

    /** Encapsulated pixel data: (offset, length) of each fragment, the Basic Offset Table first. */
    long @Nullable [] pixelFragments() {
        return pixelFragments;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredInstance other && other.pk == pk && other.tenant.equals(tenant);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pk);
    }

    @Override
    public String toString() {
        return "StoredInstance[" + sop + " of " + tenant + "]";
    }
}
