package com.radrelay.tenancy;

import java.util.Optional;

/** A principal that acts for one clinic (clinic staff, a clinic's API token, a clinic's DICOM device). */
public interface TenantBound {

    Optional<TenantId> tenant();
}
