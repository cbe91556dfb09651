package com.radrelay.dicom;

import com.radrelay.tenancy.TenantId;
import org.dcm4che3.net.Association;

/** The clinic an accepted association works for, as established when it was negotiated. */
public final class DicomAssociations {

    static final String TENANT = "radrelay.tenant";

    private DicomAssociations() {
    }

    public static TenantId tenantOf(Association as) {
        Object tenant = as.getProperty(TENANT);
        if (tenant instanceof TenantId id) {
            return id;
        }
        throw new IllegalStateException("association " + as + " has no clinic");
    }
}
