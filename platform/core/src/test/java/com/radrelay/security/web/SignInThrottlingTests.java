package com.radrelay.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.radrelay.audit.AuditLog;
import com.radrelay.security.Role;
import com.radrelay.security.UserAccounts;
import com.radrelay.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Sign-in throttling over a real Redis: attempts are counted before their password is checked, an account's
 * attempts wait longer and longer (never locked for long), an address is capped, and the client's address is read
 * from X-Forwarded-For only behind a trusted proxy.
 */
@IntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "radrelay.security.trusted-proxies=10.250.0.0/16")
class SignInThrottlingTests {

    @Autowired SignInAttempts attempts;
    @Autowired SecuritySettings settings;
    @Autowired UserAccounts accounts;
    @Autowired AuditLog audit;
    @Autowired MockMvc http;

    private final Instant start = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void guessesSentInParallelGetNoMoreThanTheFreeAttempts() throws Exception {
        String user = user();
        int guesses = 20;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<Duration>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(guesses)) {
            for (int i = 0; i < guesses; i++) {
                String from = address();
                answers.add(pool.submit(() -> {
                    go.await();
                    return attempts.reserve(user, from, start);
                }));
            }
            go.countDown();
            int checked = 0;
            for (Future<Optional<Duration>> answer : answers) {
                checked += answer.get().isEmpty() ? 1 : 0;
            }
            assertThat(checked).isEqualTo(settings.maxFailures());
        }
    }

    @Test
    void anAccountsWaitDoublesUpToTheLongestAndIsNeverALockOut() {
        String user = user();
        String from = address();
        Instant now = start;
        for (int i = 0; i < settings.maxFailures(); i++) {
            assertThat(attempts.reserve(user, from, now)).isEmpty();
        }
        Duration wait = settings.firstDelay();
        for (int round = 0; round < 10; round++) {
            assertThat(attempts.reserve(user, from, now)).as("round " + round).contains(wait);
            assertThat(attempts.reserve(user, from, now.plus(wait).minusMillis(1))).isPresent();
            now = now.plus(wait);
            assertThat(attempts.reserve(user, from, now)).as("once the wait has passed").isEmpty();
            wait = wait.multipliedBy(2).compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : wait.multipliedBy(2);
        }
        assertThat(wait).isEqualTo(settings.maxDelay());
        attempts.succeeded(user, from);
        assertThat(attempts.reserve(user, from, now)).as("a success starts the count again").isEmpty();
    }

    @Test
    void oneAddressIsCappedAcrossAccountsWhileOthersGoOn() {
        String from = address();
        for (int i = 0; i < settings.maxFailuresPerAddress(); i++) {
            assertThat(attempts.reserve(user(), from, start)).isEmpty();
        }
        assertThat(attempts.reserve(user(), from, start)).isPresent();
        assertThat(attempts.reserve(user(), address(), start)).isEmpty();
    }

    @Test
    void theAuditNamesTheClientBehindATrustedProxyAndThePeerOtherwise() throws Exception {
        String user = user();
        accounts.create(user, "Test Reader", "correct horse battery", Role.RADIOLOGIST, null);
        String client = address();
        http.perform(post("/login").param("username", user).param("password", "correct horse battery")
                .with(csrf()).header("X-Forwarded-For", "1.2.3.4, " + client).with(request -> {
                    request.setRemoteAddr("10.250.0.9");
                    return request;
                })).andExpect(authenticated());
        assertThat(audit.recent(null, 50)).filteredOn(r -> r.event().actor().equals(user)).first()
                .satisfies(r -> assertThat(r.event().detail()).isEqualTo("address=" + client
                        + "; second factor to follow"));

        String peer = address();
        http.perform(post("/login").param("username", user).param("password", "correct horse battery")
                .with(csrf()).header("X-Forwarded-For", "1.2.3.4").with(request -> {
                    request.setRemoteAddr(peer);
                    return request;
                })).andExpect(authenticated());
        assertThat(audit.recent(null, 50)).filteredOn(r -> r.event().actor().equals(user)).first()
                .satisfies(r -> assertThat(r.event().detail()).isEqualTo("address=" + peer
                        + "; second factor to follow"));
    }

    private static String user() {
        return "throttled" + ThreadLocalRandom.current().nextInt(1_000_000_000);
    }

    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "172." + random.nextInt(16, 32) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
