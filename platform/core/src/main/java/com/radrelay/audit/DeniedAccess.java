package com.radrelay.audit;

import com.radrelay.tenancy.TenantId;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Refusals of callers nobody has authenticated (unknown tokens, refused associations), audited without letting
 * them drive the audit: they are counted per clinic, caller, door, reason and address, and written every
 * {@value #FLUSH_MS} ms as one row each with the number of attempts; past {@value #MAX_ROWS} distinct ones in a
 * period, the rest are written as one row that counts them. However fast someone knocks, the audit writes at most
 * {@value #MAX_ROWS} + 1 rows per period.
 */
@Service
public class DeniedAccess {

    static final long FLUSH_MS = 2000;
    static final int MAX_ROWS = 200;

    private static final Logger log = LoggerFactory.getLogger(DeniedAccess.class);

    private record Key(@Nullable TenantId clinic, String actor, String action, String objectType,
            @Nullable String objectId, String reason, String address) {
    }

    private final AuditLog audit;
    private final Tally<Key> pending = new Tally<>();

    DeniedAccess(AuditLog audit) {
        this.audit = audit;
    }

    /** One refused attempt, audited with the others like it at the next flush. */
    public void denied(@Nullable TenantId clinic, String actor, String action, String objectType,
            @Nullable String objectId, String reason, String address) {
        pending.add(new Key(clinic, actor, action, objectType, objectId, reason, address), 1, 0);
    }

    /** Writes the refusals counted so far; runs every {@value #FLUSH_MS} ms and at shutdown. */
    @Scheduled(fixedDelay = FLUSH_MS)
    @PreDestroy
    public void flush() {
        Map<Key, Tally.Counts> counted = pending.drain();
        int written = 0;
        long more = 0;
        int moreKinds = 0;
        for (Map.Entry<Key, Tally.Counts> e : counted.entrySet()) {
            Key key = e.getKey();
            long attempts = e.getValue().times();
            if (written == MAX_ROWS) {
                more += attempts;
                moreKinds++;
                continue;
            }
            write(new AuditEvent(key.clinic(), key.actor(), key.action(), key.objectType(), key.objectId(),
                    AuditEvent.Outcome.DENIED, key.reason() + "; address=" + key.address() + "; attempts="
                            + attempts));
            written++;
        }
        if (more > 0) {
            write(new AuditEvent(null, "anonymous", "DENIED_ACCESS_SUMMARY", "platform", null,
                    AuditEvent.Outcome.DENIED, more + " more refused attempts of " + moreKinds
                            + " other callers, reasons or addresses"));
        }
    }

    private void write(AuditEvent event) {
        try {
            audit.record(event);
        } catch (RuntimeException failure) {
            // A refusal's audit row is not worth holding the next period's up for: it is logged instead.
            log.warn("refused access not audited: {} ({})", event, failure.toString());
        }
    }
}
