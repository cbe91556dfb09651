package com.radrelay.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.testing.Authenticator;
import com.radrelay.testing.IntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class SecondFactorsTests {

    @Autowired SecondFactors factors;
    @Autowired UserAccounts accounts;
    @Autowired JdbcTemplate jdbc;

    UUID reader;
    String username;

    @BeforeEach
    void aRadiologist() {
        username = "totp" + ThreadLocalRandom.current().nextInt(1_000_000_000);
        reader = accounts.create(username, "Dr " + username, "a-long-password-1", Role.RADIOLOGIST, null).id();
    }

    @Test
    void onlyRadiologistsAndAdministratorsMustHaveOne() {
        assertThat(List.of(Role.values())).filteredOn(SecondFactors::required)
                .containsExactlyInAnyOrder(Role.RADIOLOGIST, Role.PLATFORM_ADMIN);
    }

    @Test
    void anEnrolmentHoldsOnlyOnceAFirstCodeConfirmsIt() {
        SecondFactors.Enrolment enrolment = factors.start(reader, username);
        assertThat(enrolment.uri()).startsWith("otpauth://totp/RadRelay%3A" + username + "?secret="
                + enrolment.secret() + "&issuer=RadRelay");
        assertThat(factors.enrolled(reader)).isFalse();
        assertThat(factors.confirm(reader, username, "000000x")).isEmpty();
        Authenticator app = Authenticator.withSecret(enrolment.secret());
        List<String> recovery = factors.confirm(reader, username, app.code()).orElseThrow();
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        assertThat(factors.enrolled(reader)).isTrue();
        // The seed is kept sealed: the database holds none of its bytes in clear.
        byte[] sealed = jdbc.queryForObject("select sealed_seed from user_second_factors where user_id = ?",
                byte[].class, reader);
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(SecondFactors.Base32.decode(enrolment.secret()),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void aCodeIsGoodOnceAndSoIsEachRecoveryCode() {
        Authenticator app = Authenticator.enrol(factors, reader, username);
        String code = app.code();
        assertThat(factors.verify(reader, username, code)).isEqualTo(new SecondFactors.Check.Accepted(false));
        assertThat(factors.verify(reader, username, code)).as("replayed")
                .isEqualTo(new SecondFactors.Check.Refused("wrong code"));
        String recovery = app.recoveryCode();
        assertThat(factors.verify(reader, username, recovery.toUpperCase())).isEqualTo(
                new SecondFactors.Check.Accepted(true));
        assertThat(factors.verify(reader, username, recovery)).isEqualTo(new SecondFactors.Check.Refused("wrong code"));
        assertThat(factors.unusedRecoveryCodes(reader)).isEqualTo(9);
    }

    @Test
    void afterFiveWrongCodesEvenTheRightOneWaits() {
        Authenticator app = Authenticator.enrol(factors, reader, username);
        for (int i = 0; i < 5; i++) {
            assertThat(factors.verify(reader, username, "guess-" + i)).isEqualTo(
                    new SecondFactors.Check.Refused("wrong code"));
        }
        assertThat(factors.verify(reader, username, app.code())).isInstanceOfSatisfying(
                SecondFactors.Check.Refused.class, r -> assertThat(r.reason()).startsWith("too many wrong codes: try "
                        + "again in"));
    }
}
