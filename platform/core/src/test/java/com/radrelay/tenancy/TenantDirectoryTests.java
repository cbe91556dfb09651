package com.radrelay.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class TenantDirectoryTests {

    @Autowired TenantDirectory directory;
    @Autowired TransactionTemplate transactions;

    @Test
    void aSuspensionHoldsAgainstARequestThatCachedTheClinicWhileItCommitted() {
        Tenant clinic = Clinics.ruralClinic(directory);
        transactions.executeWithoutResult(s -> {
            directory.setSuspended(clinic.id(), true);
            // Another request, on another thread, still reads the clinic as active and caches it.
            assertThat(CompletableFuture.supplyAsync(() -> directory.bySlug(clinic.slug()).orElseThrow().active())
                    .join()).isTrue();
        });
        assertThat(directory.bySlug(clinic.slug()).orElseThrow().active()).isFalse();
    }
}
