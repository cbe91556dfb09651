package com.radrelay.testing;

import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import java.util.concurrent.ThreadLocalRandom;

/** Test fixtures in domain words: every call registers a new clinic with a unique code. */
public final class Clinics {

    private Clinics() {
    }

    public static Tenant ruralClinic(TenantDirectory directory) {
        String slug = "clinic-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        return directory.register(slug, "Rural Clinic " + slug, "KE", "KE-30");
    }
}
