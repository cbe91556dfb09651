package com.radrelay.onboarding;

import com.radrelay.security.EmailAddress;
import com.radrelay.security.Licence;
import com.radrelay.security.RadiologistProfile;
import com.radrelay.security.Role;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.UserSummary;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Warns a radiologist and the platform administrators when a licence comes close to its end (30 and 7 days before,
 * by default), once per threshold. Eligibility itself needs no job: the worklist checks every licence on every read.
 */
@Component
@EnableScheduling
class LicenceWarnings {

    private final UserAccounts accounts;
    private final Letters letters;
    private final JdbcTemplate jdbc;
    private final OnboardingSettings settings;
    private final Clock clock;

    LicenceWarnings(UserAccounts accounts, Letters letters, JdbcTemplate jdbc, OnboardingSettings settings,
            Clock clock) {
        this.accounts = accounts;
        this.letters = letters;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${radrelay.onboarding.licence-check-every:PT6H}")
    @Transactional
    public void warnOfExpiringLicences() {
        LocalDate today = LocalDate.now(clock);
        List<EmailAddress> admins = accounts.withRole(Role.PLATFORM_ADMIN).stream().filter(UserSummary::enabled)
                .map(UserSummary::email).filter(e -> e != null).map(EmailAddress::new).toList();
        for (RadiologistProfile profile : accounts.radiologists()) {
            Optional<UserSummary> holder = accounts.byId(profile.userId()).filter(UserSummary::enabled);
            for (Licence licence : holder.isPresent() ? profile.licences() : List.<Licence>of()) {
                long days = ChronoUnit.DAYS.between(today, licence.validUntil());
                Optional<Integer> threshold = settings.licenceWarningDays().stream().sorted()
                        .filter(t -> days >= 0 && days <= t).findFirst();
                if (licence.revokedOn() == null && threshold.isPresent()
                        && firstTime(holder.get(), licence, threshold.get())) {
                    warn(holder.get(), licence, days, admins);
                }
            }
        }
    }

    private boolean firstTime(UserSummary holder, Licence licence, int threshold) {
        return jdbc.update("insert into onboarding_licence_warnings (user_id, licence_number, days_before, sent_at) "
                + "values (?, ?, ?, ?) on conflict do nothing", holder.id(), licence.number(), threshold,
                Timestamp.from(clock.instant())) == 1;
    }

    private void warn(UserSummary holder, Licence licence, long days, List<EmailAddress> admins) {
        if (holder.email() != null) {
            letters.licenceExpiring(new EmailAddress(holder.email()), "Your licence", licence.number(),
                    licence.region(), licence.validUntil(), days);
        }
        for (EmailAddress admin : admins) {
            letters.licenceExpiring(admin, "The licence of " + holder.displayName(), licence.number(),
                    licence.region(), licence.validUntil(), days);
        }
    }
}
