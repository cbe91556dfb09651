package com.radrelay.testing;

import com.radrelay.dicom.DicomNetwork;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;

/** Clinics with DICOM doors: an AE title of their own and the DCMTK clients as peers. */
public final class DicomClinics {

    private DicomClinics() {
    }

    /** A new clinic with its own AE title, calling AE titles STORESCU/FINDSCU/GETSCU/MOVESCU from any host. */
    public static Tenant clinicWithDicom(TenantDirectory directory, DicomNetwork network) {
        Tenant clinic = Clinics.ruralClinic(directory);
        CurrentTenant.run(clinic.id(), () -> {
            network.registerAeTitle(aeTitle(clinic));
            for (String peer : new String[] {"STORESCU", "FINDSCU", "GETSCU", "MOVESCU", "ECHOSCU"}) {
                network.registerPeer(peer, "127.0.0.1", null, "test client");
            }
        });
        return clinic;
    }

    /** The AE title {@link #clinicWithDicom} gives a clinic. */
    public static String aeTitle(Tenant clinic) {
        String slug = clinic.slug().replace("clinic-", "").toUpperCase();
        return ("T" + slug).substring(0, Math.min(16, slug.length() + 1));
    }
}
