package com.radrelay.testing;

import com.radrelay.dicom.DicomNetwork;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import java.util.concurrent.ThreadLocalRandom;

/** Test fixtures in domain words: every call registers a new clinic with a unique code. */
public final class Clinics {

    private Clinics() {
    }

    /** A new clinic with its own AE title, calling AE titles STORESCU/FINDSCU/GETSCU/MOVESCU from any host. */
    public static Tenant clinicWithDicom(TenantDirectory directory, DicomNetwork network) {
        Tenant clinic = ruralClinic(directory);
        CurrentTenant.run(clinic.id(), () -> {
            network.registerAeTitle(aeTitle(clinic));
            for (String peer : new String[] {"STORESCU", "FINDSCU", "GETSCU", "MOVESCU", "ECHOSCU"}) {
                network.registerPeer(peer, null, null, "test client");
            }
        });
        return clinic;
    }

    /** The AE title {@link #clinicWithDicom} gives a clinic. */
    public static String aeTitle(Tenant clinic) {
        String slug = clinic.slug().replace("clinic-", "").toUpperCase();
        return ("T" + slug).substring(0, Math.min(16, slug.length() + 1));
    }

    public static Tenant ruralClinic(TenantDirectory directory) {
        String slug = "clinic-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        return directory.register(slug, "Rural Clinic " + slug, "KE", "KE-30");
    }
}
