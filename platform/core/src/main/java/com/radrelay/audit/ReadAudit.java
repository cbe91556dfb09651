package com.radrelay.audit;

import com.radrelay.tenancy.TenantId;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Reads of patient data, audited in the words of DICOM's audit messages (PS3.15 A.5.3: Query, DICOM Instances
 * Accessed, Begin Transferring DICOM Instances) with the actor, the clinic, the door, the study and counts. Reads
 * are counted in memory and written as one row per actor, door and study every {@value #FLUSH_MS} ms (and at
 * shutdown), so a viewer fetching 500 frames costs one audit row, not 500, and never waits for the audit's lock.
 */
@Service
public class ReadAudit {

    static final long FLUSH_MS = 2000;

    private static final Logger log = LoggerFactory.getLogger(ReadAudit.class);

    /** The audit message a read belongs to. */
    public enum Kind {
        QUERY, DICOM_INSTANCES_ACCESSED, BEGIN_TRANSFERRING_DICOM_INSTANCES
    }

    private record Key(@Nullable TenantId clinic, String actor, Kind kind, String door, String subject) {
    }

    private final AuditLog audit;
    private final Tally<Key> pending = new Tally<>();

    ReadAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** A search at {@code level} (STUDY, SERIES, IMAGE) through {@code door} that matched {@code matches}. */
    public void query(TenantId clinic, String actor, String door, String level, int matches) {
        add(new Key(clinic, actor, Kind.QUERY, door, level), 1, matches);
    }

    /** Metadata of {@code instances} instances of a study read through {@code door}. */
    public void accessed(TenantId clinic, String actor, String door, String study, int instances) {
        add(new Key(clinic, actor, Kind.DICOM_INSTANCES_ACCESSED, door, study), 1, instances);
    }

    /** Instances (or their frames) of a study sent through {@code door}. */
    public void transferred(TenantId clinic, String actor, String door, String study, int instances) {
        add(new Key(clinic, actor, Kind.BEGIN_TRANSFERRING_DICOM_INSTANCES, door, study), 1, instances);
    }

    private void add(Key key, long requests, long items) {
        pending.add(key, requests, items);
    }

    /** Writes what is counted so far; runs every {@value #FLUSH_MS} ms and at shutdown. */
    @Scheduled(fixedDelay = FLUSH_MS)
    @PreDestroy
    public void flush() {
        pending.drain().forEach((key, counts) -> {
            boolean query = key.kind() == Kind.QUERY;
            try {
                audit.record(new AuditEvent(key.clinic(), key.actor(), key.kind().name(), query ? "query" : "study",
                        query ? key.door() + " " + key.subject() : key.subject(), AuditEvent.Outcome.SUCCESS,
                        "door=" + key.door() + " requests=" + counts.times() + (query ? " matches=" : " instances=")
                                + counts.items()));
            } catch (RuntimeException failure) {
                // Counted again: the next flush tries once more rather than losing the read.
                add(key, counts.times(), counts.items());
                log.warn("audit of reads not written yet: {}", failure.toString());
            }
        });
    }
}
