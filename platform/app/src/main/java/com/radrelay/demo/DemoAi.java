package com.radrelay.demo;

import com.radrelay.marketplace.ModelCatalogue;
import com.radrelay.marketplace.ModelVersion;
import com.radrelay.marketplace.Subscriptions;
import com.radrelay.marketplace.demo.DemoModels;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.UserSummary;
import com.radrelay.tenancy.Tenant;
import com.radrelay.workflow.Priority;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo's AI marketplace: the demo vendor publishes both demo models through the same checks as any upload,
 * the administrator approves them, and every demo clinic subscribes, so sample studies come back with AI results.
 */
@Component
@Profile("demo")
class DemoAi {

    private final ModelCatalogue catalogue;
    private final Subscriptions subscriptions;
    private final UserAccounts accounts;

    DemoAi(ModelCatalogue catalogue, Subscriptions subscriptions, UserAccounts accounts) {
        this.catalogue = catalogue;
        this.subscriptions = subscriptions;
        this.accounts = accounts;
    }

    void publishAndSubscribe(String vendorUser, String adminUser, List<Tenant> clinics) {
        UserSummary vendor = accounts.byUsername(vendorUser).orElseThrow();
        var admin = accounts.loadUserByUsername(adminUser);
        for (byte[] pack : List.of(DemoModels.headCtPackage(), DemoModels.chestXrPackage())) {
            try {
                // A restart finds the version already there: the catalogue refuses it, and that is fine.
                catalogue.publish(vendor.vendor(), vendorUser, new ByteArrayInputStream(pack));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (ModelVersion pending : catalogue.pending()) {
            if (pending.vendor().equals(accounts.vendorOf(vendor.id()).orElseThrow().name())) {
                catalogue.decide(pending.id(), true, "demo model, approved for the demonstration", admin);
            }
        }
        for (Tenant clinic : clinics) {
            // Only once: a manager who unsubscribed in the demo stays unsubscribed after a restart.
            if (!subscriptions.of(clinic.id()).isEmpty()) {
                continue;
            }
            // The head CT model triages (a possible bleed): its runs go before the exposure check's.
            subscriptions.subscribe(clinic.id(), DemoModels.HEAD_CT, new Subscriptions.Rule(List.of(), List.of(), null,
                    Priority.STAT), "demo");
            subscriptions.subscribe(clinic.id(), DemoModels.CHEST_XR, new Subscriptions.Rule(List.of(), List.of(),
                    null, Priority.ROUTINE), "demo");
        }
    }
}
