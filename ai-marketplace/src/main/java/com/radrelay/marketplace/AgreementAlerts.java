package com.radrelay.marketplace;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells a model's vendor and the platform administrators when a subgroup's real-world agreement falls below the
 * threshold (with enough reviews to judge), once per version and subgroup. A bias no single clinic can see shows
 * across all of them.
 */
@Component
class AgreementAlerts {

    private static final Logger log = LoggerFactory.getLogger(AgreementAlerts.class);

    private final ModelCatalogue catalogue;
    private final VendorAndAdministrators people;
    private final JdbcTemplate jdbc;
    private final MarketplaceSettings settings;
    private final Clock clock;

    AgreementAlerts(ModelCatalogue catalogue, VendorAndAdministrators people, JdbcTemplate jdbc,
            MarketplaceSettings settings, Clock clock) {
        this.catalogue = catalogue;
        this.people = people;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Alerts every subgroup newly below the threshold; answers how many. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${radrelay.marketplace.agreement-check-every:PT10M}")
    int check() {
        int alerted = 0;
        for (Agreement low : catalogue.agreement().stream().filter(a -> a.belowAlert(settings)).toList()) {
            int fresh = jdbc.update("""
                    insert into ai_agreement_alerts (model, model_version, dimension, subgroup, agreement, reviewed,
                        alerted_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", low.model(), low.version(),
                    low.dimension(), low.subgroup(), low.rate(), low.reviewed(), Timestamp.from(clock.instant()));
            if (fresh == 1) {
                tell(low);
                alerted++;
            }
        }
        return alerted;
    }

    private void tell(Agreement low) {
        String subject = "RadRelay: " + low.model() + " " + low.version() + " agrees with radiologists in "
                + percent(low.rate()) + " of " + low.dimension() + " " + low.subgroup();
        String body = "Across all clinics, radiologists who signed the report agreed with " + low.model()
                + " version " + low.version() + " in " + low.agreed() + " of " + low.reviewed() + " reviewed studies ("
                + percent(low.rate()) + ") where " + low.dimension() + " is " + low.subgroup() + ". The alert "
                + "threshold is " + percent(settings.agreementAlertBelow()) + ".\n\nThe version's page shows its "
                + "agreement in every subgroup: " + people.vendorPage() + "\n";
        people.tell(low.model(), subject, body);
        log.info("Agreement alert for {} {} ({} {}): {}", low.model(), low.version(), low.dimension(),
                low.subgroup(), percent(low.rate()));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
