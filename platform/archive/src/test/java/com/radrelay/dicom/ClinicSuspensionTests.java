package com.radrelay.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.radrelay.audit.AuditLog;
import com.radrelay.audit.DeniedAccess;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.IssuedToken;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.DicomClinics;
import com.radrelay.testing.Dcmtk;
import com.radrelay.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** A suspended clinic is refused at the DIMSE and DICOMweb doors, and let in again once reactivated. */
@IntegrationTest
@AutoConfigureMockMvc
class ClinicSuspensionTests {

    @Autowired TenantDirectory directory;
    @Autowired DicomNetwork network;
    @Autowired DicomServer dicom;
    @Autowired ApiTokens tokens;
    @Autowired AuditLog audit;
    @Autowired DeniedAccess denied;
    @Autowired MockMvc http;

    @Test
    void aSuspendedClinicsDevicesAndTokensAreRefusedUntilItIsReactivated() throws Exception {
        Tenant clinic = DicomClinics.clinicWithDicom(directory, network);
        IssuedToken token = CurrentTenant.call(clinic.id(), () -> tokens.issue("PACS"));
        assertThat(echo(clinic).ok()).isTrue();
        assertThat(studies(clinic, token)).isEqualTo(200);

        directory.setSuspended(clinic.id(), true);

        Dcmtk.Result refused = echo(clinic);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.output()).contains("Association Rejected");
        assertThat(studies(clinic, token)).isEqualTo(401);
        denied.flush();
        assertThat(audit.recent(clinic.id(), 5)).anySatisfy(r -> assertThat(r.event().detail())
                .startsWith("clinic suspended"));

        directory.setSuspended(clinic.id(), false);

        assertThat(echo(clinic).ok()).isTrue();
        assertThat(studies(clinic, token)).isEqualTo(200);
    }

    private Dcmtk.Result echo(Tenant clinic) {
        return Dcmtk.run("echoscu", "-aet", "ECHOSCU", "-aec", DicomClinics.aeTitle(clinic), "127.0.0.1",
                Integer.toString(dicom.port()));
    }

    private int studies(Tenant clinic, IssuedToken token) throws Exception {
        return http.perform(get("/dicomweb/" + clinic.slug() + "/studies").header("Authorization", "Bearer "
                + token.secret())).andReturn().getResponse().getStatus();
    }
}
