package com.radrelay.storage;

import com.radrelay.storage.crypto.TenantKeys;
import com.radrelay.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives each clinic a new data key once its current one is {@code radrelay.storage.rotate-data-keys-every} old, and
 * after a master key change re-wraps every data key with the new master once the application is up.
 */
@Component
class DataKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(DataKeyRotation.class);

    private final TenantKeys keys;
    private final StorageSettings settings;

    DataKeyRotation(TenantKeys keys, StorageSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${radrelay.storage.rotation-check-every:PT1H}")
    void rotateOldKeys() {
        for (TenantId clinic : keys.dueForRotation(settings.rotateDataKeysEvery())) {
            try {
                log.info("Data key of {} rotated: new key {}", clinic, keys.rotate(clinic));
            } catch (RuntimeException e) {
                log.warn("Rotating the data key of {} failed; trying again at the next check", clinic, e);
            }
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void rewrapWithTheCurrentMaster() {
        int moved = keys.rewrap();
        if (moved > 0) {
            log.info("Re-wrapped {} data keys with the current master key; every key now unwraps with it alone: "
                    + "the previous master key (or the local one beside KMS) may be removed", moved);
        }
    }
}
