package com.radrelay.marketplace;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells a model's vendor and the platform administrators when a version's recent runs (the last
 * {@code operation-window}, across clinics) fail too often or take too long, once a day per version and kind: a
 * vendor sees how its model behaves in the field without seeing any study.
 */
@Component
class OperationAlerts {

    private static final Logger log = LoggerFactory.getLogger(OperationAlerts.class);

    private final JdbcTemplate jdbc;
    private final VendorAndAdministrators people;
    private final MarketplaceSettings settings;
    private final Clock clock;

    OperationAlerts(JdbcTemplate jdbc, VendorAndAdministrators people, MarketplaceSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.people = people;
        this.settings = settings;
        this.clock = clock;
    }

    /** A version's recent runs. */
    record Health(String model, String version, long runs, long failed, double p95Seconds) {

        double failureRate() {
            return runs == 0 ? 0 : (double) failed / runs;
        }
    }

    /** Alerts every version newly failing or slow today; answers how many alerts went out. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${radrelay.marketplace.operation-check-every:PT10M}")
    int check() {
        int alerted = 0;
        for (Health h : jdbc.query("select model, model_version, runs, failed, p95_seconds from ai_model_health(?)",
                (rs, i) -> new Health(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getDouble(5)), Timestamp.from(clock.instant().minus(settings.operationWindow())))) {
            if (h.runs() < settings.operationMinRuns()) {
                continue;
            }
            if (h.failureRate() > settings.failureAlertAbove() && first(h, "FAILURES", h.failureRate())) {
                people.tell(h.model(), "RadRelay: " + h.model() + " " + h.version() + " failed " + percent(
                        h.failureRate()) + " of its runs", "Across all clinics, " + h.model() + " version "
                        + h.version() + " failed " + h.failed() + " of its last " + h.runs() + " runs ("
                        + percent(h.failureRate()) + ") in the past " + hours() + " hours; the alert threshold is "
                        + percent(settings.failureAlertAbove()) + ". Failed studies still reach the radiologists, "
                        + "flagged.\n\nThe version's figures: " + people.vendorPage() + "\n");
                alerted++;
            }
            double limit = settings.latencyAlertAbove().toMillis() / 1000.0;
            if (h.p95Seconds() > limit && first(h, "LATENCY", h.p95Seconds())) {
                people.tell(h.model(), "RadRelay: " + h.model() + " " + h.version() + " takes "
                        + seconds(h.p95Seconds()) + " per study", "Across all clinics, 95 % of the last " + h.runs()
                        + " runs of " + h.model() + " version " + h.version() + " in the past " + hours()
                        + " hours took up to " + seconds(h.p95Seconds()) + "; the alert threshold is "
                        + seconds(limit) + ".\n\nThe version's figures: " + people.vendorPage() + "\n");
                alerted++;
            }
        }
        return alerted;
    }

    /** True the first time today this version is alerted for this kind. */
    private boolean first(Health h, String kind, double value) {
        boolean fresh = jdbc.update("""
                insert into ai_operation_alerts (model, model_version, kind, day, value, runs, alerted_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", h.model(), h.version(), kind,
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), value, h.runs(),
                Timestamp.from(clock.instant())) == 1;
        if (fresh) {
            log.info("Operation alert for {} {}: {} {}", h.model(), h.version(), kind, value);
        }
        return fresh;
    }

    private long hours() {
        return settings.operationWindow().toHours();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
