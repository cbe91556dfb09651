package com.radrelay.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import com.radrelay.audit.AuditLog;
import com.radrelay.audit.AuditRecord;
import com.radrelay.audit.AuditEvent.Outcome;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import com.radrelay.testing.IntegrationTest;

@IntegrationTest
@AutoConfigureMockMvc
class SignInTests {

    private static final String PASSWORD = "correct horse battery";

    @Autowired MockMvc http;
    @Autowired UserAccounts accounts;
    @Autowired AuditLog audit;
    @Autowired TenantDirectory directory;
    @Autowired org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory redis;

    String username;
    String address;

    @BeforeEach
    void aRadiologist() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        username = "reader" + random.nextInt(1_000_000_000);
        address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
        accounts.create(username, "Test Reader", PASSWORD, Role.RADIOLOGIST, null);
    }

    @Test
    void testsCountFailuresInARedisDatabaseOfTheirOwn() {
        // Database 0 is a running app's: its throttling and the tests' must not meet.
        assertThat(redis.getDatabase()).isNotZero();
    }

    @Test
    void theRightPasswordSignsInAndIsAudited() throws Exception {
        http.perform(signIn(PASSWORD)).andExpect(authenticated());
        assertThat(lastSignIn()).satisfies(r -> assertThat(r.event().outcome()).isEqualTo(Outcome.SUCCESS));
    }

    @Test
    void aRadiologistsPasswordOpensOnlyTheSecondFactorPageAClinicManagersOpensTheirRole() throws Exception {
        http.perform(signIn(PASSWORD)).andExpect(authenticated().withAuthorities(
                java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(
                        "ROLE_SECOND_FACTOR"))));
        assertThat(lastSignIn().event().detail()).endsWith("; second factor to follow");
        String manager = username + "-manager";
        accounts.create(manager, "Clinic Manager", PASSWORD, Role.CLINIC_MANAGER,
                Clinics.ruralClinic(directory).id());
        http.perform(post("/login").param("username", manager).param("password", PASSWORD).with(csrf()))
                .andExpect(authenticated().withRoles("CLINIC_MANAGER"));
    }

    @Test
    void theSessionKeepsWhoSignedInButNotThePasswordHash() throws Exception {
        http.perform(signIn(PASSWORD)).andExpect(authenticated().withAuthentication(a -> {
            assertThat(a.getPrincipal()).isInstanceOfSatisfying(SignedInUser.class, user -> {
                assertThat(user.username()).isEqualTo(username);
                assertThat(user.passwordHash()).isNull();
            });
            assertThat(a.getCredentials()).isNull();
        }));
    }

    @Test
    void aWrongPasswordIsRefusedAndAudited() throws Exception {
        http.perform(signIn("not the password"))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
        assertThat(lastSignIn()).satisfies(r -> {
            assertThat(r.event().outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(r.event().detail()).startsWith("BadCredentialsException");
        });
    }

    @Test
    void afterFiveFailuresEvenTheRightPasswordIsRefusedForAWhile() throws Exception {
        for (int i = 0; i < 5; i++) {
            http.perform(signIn("guess " + i)).andExpect(unauthenticated());
        }
        MvcResult result = http.perform(signIn(PASSWORD))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error")).andReturn();
        Object failure = result.getRequest().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        assertThat(failure).isInstanceOfSatisfying(LockedException.class,
                e -> assertThat(e).hasMessageContaining("Too many failed sign-in attempts"));
        assertThat(lastSignIn()).satisfies(r -> assertThat(r.event().outcome()).isEqualTo(Outcome.DENIED));
    }

    @Test
    void signingInGivesTheSessionANewId() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String before = session.getId();
        MvcResult result = http.perform(signIn(PASSWORD).session(session).with(request -> {
                    // As a browser does: the request names the session it had before signing in.
                    request.setRequestedSessionId(before);
                    return request;
                }))
                .andExpect(authenticated()).andReturn();
        assertThat(result.getRequest().getSession().getId()).isNotEqualTo(before);
    }

    /** Each test signs in from its own address, so per-address throttling never carries over between tests. */
    @Test
    void aDisabledAccountsOpenSessionEndsAtItsNextRequest() throws Exception {
        MvcResult signedIn = http.perform(signIn(PASSWORD)).andExpect(authenticated()).andReturn();
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);
        SignedInUser admin = new SignedInUser(UUID.randomUUID(), "admin-" + username, "Test Admin",
                Role.PLATFORM_ADMIN, null, "", true);
        accounts.setEnabled(accounts.byUsername(username).orElseThrow().id(), false, admin);

        http.perform(get("/").session(session)).andExpect(redirectedUrl("/login")).andExpect(unauthenticated());
        assertThat(session.isInvalid()).isTrue();
        assertThat(audit.recent(null, 20)).anySatisfy(r -> {
            assertThat(r.event().action()).isEqualTo("SESSION_ENDED");
            assertThat(r.event().actor()).isEqualTo(username);
            assertThat(r.event().detail()).isEqualTo("account disabled");
        });
    }

    @Test
    void thePeopleOfASuspendedClinicCannotSignIn() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        String uploader = username + "-clinic";
        accounts.create(uploader, "Clinic Uploader", PASSWORD, Role.CLINIC_UPLOADER, clinic.id());
        directory.setSuspended(clinic.id(), true);

        MvcResult result = http.perform(post("/login").param("username", uploader).param("password", PASSWORD)
                .with(csrf())).andExpect(unauthenticated()).andReturn();
        Object failure = result.getRequest().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        assertThat(failure).isInstanceOfSatisfying(DisabledException.class,
                e -> assertThat(e).hasMessageContaining("suspended"));

        directory.setSuspended(clinic.id(), false);
        http.perform(post("/login").param("username", uploader).param("password", PASSWORD).with(csrf()))
                .andExpect(authenticated());
    }

    private MockHttpServletRequestBuilder signIn(String password) {
        return post("/login").param("username", username).param("password", password).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }

    private AuditRecord lastSignIn() {
        return audit.recent(null, 50).stream()
                .filter(r -> r.event().action().equals("SIGN_IN") && r.event().actor().equals(username))
                .findFirst().orElseThrow();
    }
}
