package com.radrelay.clinic;

import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the open pages of a clinic that one of its studies moved on, so they refresh without a reload. Listeners
 * hear only their own clinic's studies. One node's pages hear the events that node handles.
 */
@Component
public class StudyUpdates {

    private static final Logger log = LoggerFactory.getLogger(StudyUpdates.class);

    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();

    /** Starts telling {@code listener} of {@code clinic}'s studies; the returned handle stops it. */
    public Runnable subscribe(TenantId clinic, BiConsumer<TenantId, StudyUid> listener) {
        Listener l = new Listener(clinic, listener);
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    void publish(TenantId clinic, StudyUid study) {
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
