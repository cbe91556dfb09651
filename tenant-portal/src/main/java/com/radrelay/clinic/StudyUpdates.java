package com.radrelay.clinic;

import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.Broadcasts;
import com.radrelay.workflow.StudyUid;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the open pages of a clinic, on every application node (Redis pub/sub), that one of its studies moved on, so
 * they refresh without a reload. Listeners hear only their own clinic's studies. The message carries the clinic's
 * id and the study's UID, nothing about the patient.
 */
@Component
public class StudyUpdates {

    private static final Logger log = LoggerFactory.getLogger(StudyUpdates.class);
    private static final String CHANNEL = "rr:clinic-study-changed";

    private final Broadcasts broadcasts;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();

    StudyUpdates(Broadcasts broadcasts) {
        this.broadcasts = broadcasts;
        broadcasts.listen(CHANNEL, this::heard);
    }

    /** Starts telling {@code listener} of {@code clinic}'s studies; the returned handle stops it. */
    public Runnable subscribe(TenantId clinic, BiConsumer<TenantId, StudyUid> listener) {
        Listener l = new Listener(clinic, listener);
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    void publish(TenantId clinic, StudyUid study) {
        broadcasts.send(CHANNEL, clinic.value() + " " + study.value());
    }

    private void heard(String message) {
        String[] parts = message.split(" ", 2);
        TenantId clinic;
        StudyUid study;
        try {
            clinic = new TenantId(UUID.fromString(parts[0]));
            study = new StudyUid(parts[1]);
        } catch (RuntimeException e) {
            log.warn("Ignoring a malformed study update");
            return;
        }
        for (Listener l : listeners) {
            if (l.clinic().equals(clinic)) {
                try {
                    l.callback().accept(clinic, study);
                } catch (RuntimeException e) {
                    // A page that went away while being told; the others still hear of it.
                    log.debug("A listener of {} failed", clinic, e);
                }
            }
        }
    }

    private record Listener(TenantId clinic, BiConsumer<TenantId, StudyUid> callback) {
    }
}
