package com.radrelay.worklist;

import com.radrelay.workflow.Broadcasts;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells every open worklist, on every application node, that the worklist changed (a study arrived, was claimed,
 * released, signed or reprioritised), over Redis pub/sub. The message names no study and no patient: each page
 * reloads what its reader may see.
 */
@Component
public class WorklistUpdates {

    private static final Logger log = LoggerFactory.getLogger(WorklistUpdates.class);
    private static final String CHANNEL = "rr:worklist-changed";

    private final Broadcasts broadcasts;
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();

    WorklistUpdates(Broadcasts broadcasts) {
        this.broadcasts = broadcasts;
        broadcasts.listen(CHANNEL, message -> tellListeners());
    }

    /** Starts telling {@code listener} of changes; the returned handle stops it. */
    public Runnable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void changed() {
        broadcasts.send(CHANNEL, "changed");
    }

    private void tellListeners() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.debug("A worklist page failed to hear of a change", e);
            }
        }
    }

}
