package com.radrelay.worklist;

import com.radrelay.security.RadiologistProfile;
import com.radrelay.security.ReaderPreference;
import com.radrelay.security.ReaderPreferences;
import com.radrelay.security.SignedInUser;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The clinics whose studies a radiologist may see today: active, in a region of a licence valid today, and not
 * excluding them; and whether each prefers them. Read afresh on every call, so a change counts at once.
 */
@Component
class ReaderClinics {

    /** A clinic open to the reader, and whether it prefers them. */
    record Open(Tenant clinic, boolean preferred) {
    }

    private final TenantDirectory clinics;
    private final ReaderPreferences preferences;

    ReaderClinics(TenantDirectory clinics, ReaderPreferences preferences) {
        this.clinics = clinics;
        this.preferences = preferences;
    }

    List<Open> of(SignedInUser reader, RadiologistProfile profile, LocalDate today) {
        List<Open> open = new ArrayList<>();
        for (Tenant clinic : clinics.all()) {
            boolean licensed = profile.licensedIn(clinic.region(), today);
            ReaderPreference said = licensed && clinic.active() ? preferences.of(clinic.id()).get(reader.id()) : null;
            if (licensed && clinic.active() && said != ReaderPreference.EXCLUDED) {
                open.add(new Open(clinic, said == ReaderPreference.PREFERRED));
            }
        }
        return open;
    }

    boolean excluded(SignedInUser reader, TenantId clinic) {
        return preferences.of(clinic).get(reader.id()) == ReaderPreference.EXCLUDED;
    }
}
