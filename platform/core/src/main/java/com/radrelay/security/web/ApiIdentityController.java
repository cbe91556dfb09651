package com.radrelay.security.web;

import com.radrelay.security.ApiClient;
import com.radrelay.tenancy.TenantDirectory;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Lets an integrator check which clinic and token a request is authenticated as. */
@RestController
class ApiIdentityController {

    private final TenantDirectory clinics;

    ApiIdentityController(TenantDirectory clinics) {
        this.clinics = clinics;
    }

    @GetMapping("/api/clinics/{slug}/whoami")
    Map<String, String> whoami(@PathVariable String slug, @AuthenticationPrincipal ApiClient client) {
        var clinic = clinics.byId(client.clinic()).orElseThrow();
        return Map.of("clinic", clinic.slug(), "clinicName", clinic.name(), "token", client.tokenName(),
                "tokenId", client.tokenId().toString());
    }
}
