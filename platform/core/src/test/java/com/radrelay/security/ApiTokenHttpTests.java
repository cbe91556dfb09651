package com.radrelay.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.audit.DeniedAccess;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
@AutoConfigureMockMvc
class ApiTokenHttpTests {

    @Autowired MockMvc http;
    @Autowired TenantDirectory directory;
    @Autowired ApiTokens tokens;
    @Autowired AuditLog audit;
    @Autowired DeniedAccess denied;
    @Autowired TransactionTemplate transactions;
    @Autowired StringRedisTemplate redis;

    Tenant clinicA;
    Tenant clinicB;
    IssuedToken tokenA;
    IssuedToken tokenB;

    @BeforeEach
    void twoClinics() {
        clinicA = Clinics.ruralClinic(directory);
        clinicB = Clinics.ruralClinic(directory);
        tokenA = CurrentTenant.call(clinicA.id(), () -> tokens.issue("gateway A"));
        tokenB = CurrentTenant.call(clinicB.id(), () -> tokens.issue("gateway B"));
    }

    @Test
    void aClinicsTokenOpensThatClinicsApi() throws Exception {
        http.perform(get("/api/clinics/" + clinicA.slug() + "/whoami").header("Authorization", bearer(tokenA)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.clinic").value(clinicA.slug()))
                .andExpect(jsonPath("$.token").value("gateway A"));
    }

    @Test
    void anotherClinicsValidTokenIsUnknownHere() throws Exception {
        http.perform(get("/api/clinics/" + clinicA.slug() + "/whoami").header("Authorization", bearer(tokenB)))
                .andExpect(status().isUnauthorized());
        denied.flush();
        assertThat(audit.recent(clinicA.id(), 1)).first()
                .satisfies(r -> assertThat(r.event().outcome()).isEqualTo(AuditEvent.Outcome.DENIED));
    }

    @Test
    void aRevokedTokenIsRefused() throws Exception {
        CurrentTenant.run(clinicA.id(), () -> tokens.revoke(tokenA.id()));
        http.perform(get("/api/clinics/" + clinicA.slug() + "/whoami").header("Authorization", bearer(tokenA)))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aRevocationHoldsAgainstACallThatCachedTheTokenWhileItCommitted() throws Exception {
        whoami(tokenA).andExpect(status().isOk());
        CurrentTenant.run(clinicA.id(), () -> transactions.executeWithoutResult(s -> {
            assertThat(tokens.revoke(tokenA.id())).isTrue();
            // Another request, on another thread, finds no cache entry (as when it had expired) and still sees the
            // token valid in the database, so it caches it again.
            assertThat(CompletableFuture.supplyAsync(() -> {
                redis.delete(redis.keys("rr:" + clinicA.id() + ":api-token:*"));
                return CurrentTenant.call(clinicA.id(), () -> tokens.authenticate(tokenA.secret()));
            }).join()).isPresent();
        }));
        whoami(tokenA).andExpect(status().isUnauthorized());
    }

    @Test
    void anExpiredTokenIsRefusedEvenFromTheCache() throws Exception {
        IssuedToken brief = CurrentTenant.call(clinicA.id(), () -> tokens.issue("brief", ApiScope.ALL,
                Instant.now().plusMillis(1500)));
        whoami(brief).andExpect(status().isOk());
        Thread.sleep(1600);
        whoami(brief).andExpect(status().isUnauthorized());
        assertThat(CurrentTenant.call(clinicA.id(), tokens::list)).filteredOn(t -> t.name().equals("brief"))
                .singleElement().satisfies(t -> assertThat(t.activeAt(Instant.now())).isFalse());
        assertThatThrownBy(() -> CurrentTenant.call(clinicA.id(), () -> tokens.issue("late", ApiScope.ALL,
                Instant.now().minusSeconds(1)))).hasMessageContaining("in the future");
        assertThatThrownBy(() -> CurrentTenant.call(clinicA.id(), () -> tokens.issue("idle", Set.of(), null)))
                .hasMessageContaining("at least one scope");
    }

    @Test
    void aRequestWithoutTokenIsAskedForOne() throws Exception {
        http.perform(get("/api/clinics/" + clinicA.slug() + "/whoami"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"radrelay\""));
    }

    @Test
    void anUnknownClinicAnswersLikeABadToken() throws Exception {
        http.perform(get("/api/clinics/no-such-clinic/whoami").header("Authorization", bearer(tokenA)))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void tokensAreStoredOnlyAsHashes() {
        assertThat(CurrentTenant.call(clinicA.id(), tokens::list)).singleElement()
                .satisfies(t -> assertThat(tokenA.secret()).startsWith(t.secretPrefix()).isNotEqualTo(t.secretPrefix()));
    }

    private ResultActions whoami(IssuedToken token) throws Exception {
        return http.perform(get("/api/clinics/" + clinicA.slug() + "/whoami").header("Authorization", bearer(token)));
    }

    private static String bearer(IssuedToken token) {
        return "Bearer " + token.secret();
    }
}
