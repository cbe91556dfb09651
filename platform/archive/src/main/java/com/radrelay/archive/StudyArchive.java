package com.radrelay.archive;

import com.radrelay.dicom.DicomJson;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import com.radrelay.workflow.SeriesUid;
import com.radrelay.workflow.SopInstanceUid;
import com.radrelay.workflow.StudyUid;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.json.JSONWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The archive's face to the rest of the platform, and the only way in for its own doors: store instances, search
 * the index, and read what is stored (whole instances, frames, metadata). Every call names the clinic it works for;
 * nothing outside that clinic can match or be read.
 */
@Service
public class StudyArchive {

    private final InstanceStore store;
    private final ArchiveQuery query;
    private final ArchiveIndex index;
    private final InstanceReader reader;
    private final StudyListing listing;
    private final TenantJdbcTransactions tx;
    private final PixelDecoding pixels;

    StudyArchive(InstanceStore store, ArchiveQuery query, ArchiveIndex index, InstanceReader reader,
            StudyListing listing, TenantJdbcTransactions tx, PixelDecoding pixels) {
        this.pixels = pixels;
        this.store = store;
        this.listing = listing;
        this.query = query;
        this.index = index;
        this.reader = reader;
        this.tx = tx;
    }

    // ---------------------------------------------------------------------------------------------- storing

    /** Stores one instance (a batch of one) and answers only once it is durable (object and index) or refused. */
    public StoreResult store(StoreRequest request) {
        return store.store(request);
    }

    /** A batch for instances that arrive on one stream; each one added is stored as {@link #store} would. */
    public StoreBatch batch() {
        return store.batch();
    }

    // -------------------------------------------------------------------------------------------- searching

    /** A clinic's studies for its own lists, newest first. */
    public List<StudySummary> studies(TenantId tenant, StudyFilter filter, int offset, int limit) {
        return tx.execute(tenant, () -> listing.studies(filter, offset, limit));
    }

    public Optional<StudySummary> study(TenantId tenant, StudyUid study) {
        return tx.execute(tenant, () -> listing.study(study));
    }

    /** The series of a study, in series number order. */
    public List<StudySummary.Series> series(TenantId tenant, StudyUid study) {
        return tx.execute(tenant, () -> listing.series(study));
    }

    /** Matches of {@code keys} at {@code level}, oldest first, from {@code offset}, at most {@code limit}. */
    public List<QueryMatch> search(TenantId tenant, QueryLevel level, Attributes keys, int offset, int limit) {
        return tx.execute(tenant, () -> query.find(level, keys, offset, limit));
    }

    /** Matches stored after the match {@code afterPk}: pages through a large answer without rescanning. */
    public List<QueryMatch> searchAfter(TenantId tenant, QueryLevel level, Attributes keys, long afterPk, int limit) {
        return tx.execute(tenant, () -> query.findAfter(level, keys, afterPk, limit));
    }

    // -------------------------------------------------------------------------------------------- reading

    /** The instances of a study (and series, and instance, when given), in the order they were stored. */
    public List<StoredInstance> instances(TenantId tenant, StudyUid study, @Nullable SeriesUid series,
            @Nullable SopInstanceUid sop) {
        return tx.execute(tenant, () -> index.instances(tenant, study, series, sop));
    }

    /** A series' instances in reading order: by Instance Number, those without one last, in arrival order. */
    public List<StoredInstance> seriesInOrder(TenantId tenant, StudyUid study, SeriesUid series) {
        return instances(tenant, study, series, null).stream()
                .sorted(Comparator.comparing(StoredInstance::instanceNumber,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /** Every instance a retrieve identifier (study, series or instance UIDs, as C-GET and C-MOVE send) names. */
    public List<StoredInstance> retrieveSet(TenantId tenant, Attributes uids) {
        return tx.execute(tenant, () -> index.instances(tenant, query.instancePks(uids)));
    }

    /** One instance with its stored data set (everything but pixel data), read together. */
    public Optional<Described> describe(TenantId tenant, StudyUid study, SeriesUid series, SopInstanceUid sop) {
        return tx.execute(tenant, () -> index.instances(tenant, study, series, sop).stream().findFirst()
                .map(i -> new Described(i, index.metadata(List.of(i)).getFirst())));
    }

    /** An instance and its data set without pixel data. */
    public record Described(StoredInstance instance, Attributes metadata) {
    }

    /** The data sets of these instances (everything but pixel data), in their order. */
    public List<Attributes> metadata(List<StoredInstance> instances) {
        if (instances.isEmpty()) {
            return List.of();
        }
        return tx.execute(instances.getFirst().tenant(), () -> index.metadata(instances));
    }

    /** An instance's data set without pixel data as DICOM JSON (PS3.18 F.2), for modules that do not speak DICOM. */
    public String metadataJson(StoredInstance instance) {
        Attributes metadata = metadata(List.of(instance)).getFirst();
        metadata.remove(Tag.PixelData);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = DicomJson.generator(out)) {
            new JSONWriter(json).write(metadata);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The stored Part-10 object, exactly as received. */
    public InputStream open(StoredInstance instance) throws IOException {
        return reader.open(instance);
    }

    /** The stored objects of these instances, each requested while the one before is read. */
    public ReadAhead openInOrder(List<StoredInstance> instances) {
        return reader.readAhead(instances);
    }

    /** Frame {@code number} (from 1) as stored: native pixel bytes, or one compressed bit stream. */
    public InputStream frame(StoredInstance instance, int number) throws IOException {
        return frame(instance, metadata(List.of(instance)).getFirst(), number);
    }

    /** As {@link #frame(StoredInstance, int)}, with the instance's data set already at hand. */
    public InputStream frame(StoredInstance instance, Attributes metadata, int number) throws IOException {
        return reader.frame(instance, metadata, number);
    }

    /**
     * The transfer syntax to hand an instance out in to a requester that accepts {@code accepted}: as stored when
     * accepted, else an uncompressed one, if the archive can decode what is stored; empty when it cannot be sent.
     */
    public Optional<String> retrievableAs(StoredInstance instance, Attributes metadata, Collection<String> accepted) {
        return Transcoding.choose(instance.transferSyntax(), metadata, accepted);
    }

    /** Why an instance cannot be handed to a requester that accepts only {@code accepted}. */
    public String notRetrievable(StoredInstance instance, Collection<String> accepted) {
        return Transcoding.refusal(instance.transferSyntax(), accepted);
    }

    /**
     * Writes the stored object {@code stored} (as {@link #open} reads it) in transfer syntax {@code ts}, one that
     * {@link #retrievableAs} chose: a Part-10 file when {@code fileMeta}, else the data set alone (a C-STORE's).
     */
    public void transcode(StoredInstance instance, InputStream stored, String ts, OutputStream out, boolean fileMeta)
            throws IOException {
        Transcoding.transcode(stored, instance.transferSyntax(), ts, out, fileMeta);
    }

    /** The whole pixel data value as stored: native bytes, or the frames' bit streams one after the other. */
    public InputStream pixelData(StoredInstance instance, Attributes metadata) throws IOException {
        return reader.pixelData(instance, metadata);
    }

    /**
     * Every frame of an instance decoded to modality values, handed to {@code each} in order, for code that computes
     * on pixels (inference): any transfer syntax the archive can decode; an IOException names what it cannot.
     */
    public void eachFrame(StoredInstance instance, PixelPlane.Consumer each) throws IOException {
        pixels.frames(instance, metadata(List.of(instance)).getFirst(), each);
    }

    /** The device that made an instance, from its stored data set. */
    public Equipment equipment(StoredInstance instance) {
        Attributes metadata = metadata(List.of(instance)).getFirst();
        return new Equipment(metadata.getString(Tag.Manufacturer), metadata.getString(Tag.ManufacturerModelName));
    }
}
