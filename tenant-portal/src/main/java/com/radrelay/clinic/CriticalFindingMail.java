package com.radrelay.clinic;

import com.radrelay.mail.Letter;
import com.radrelay.mail.Mail;
import com.radrelay.mail.MailUnavailable;
import com.radrelay.security.EmailAddress;
import com.radrelay.security.Role;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.UserSummary;
import com.radrelay.tenancy.Tenant;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The e-mails about critical findings. They name the clinic and link to its studies page, never the patient: mail
 * leaves the platform's protection.
 */
@Component
class CriticalFindingMail {

    private static final Logger log = LoggerFactory.getLogger(CriticalFindingMail.class);

    private final Mail mail;
    private final UserAccounts accounts;

    CriticalFindingMail(Mail mail, UserAccounts accounts) {
        this.mail = mail;
        this.accounts = accounts;
    }

    /** Tells everyone of the clinic with an e-mail address; false when the mail server refused, to try again later. */
    boolean raised(Tenant clinic) {
        return send(recipients(clinic, false), "Critical finding at " + clinic.name(), """
                A radiologist has signed a report with a critical finding for a study of %s.

                Read it and acknowledge it in RadRelay: %s
                """.formatted(clinic.name(), mail.link("clinic/studies")));
    }

    void escalated(Tenant clinic, Duration within) {
        send(recipients(clinic, true), "Unacknowledged critical finding at " + clinic.name(), """
                A critical finding reported for a study of %s has not been acknowledged within %d minutes.

                Please make sure the referring clinician has it, then acknowledge it: %s
                """.formatted(clinic.name(), within.toMinutes(), mail.link("clinic/studies")));
    }

    private List<EmailAddress> recipients(Tenant clinic, boolean managersOnly) {
        return accounts.ofClinic(clinic.id()).stream().filter(UserSummary::enabled)
                .filter(u -> !managersOnly || u.role() == Role.CLINIC_MANAGER)
                .map(UserSummary::email).filter(e -> e != null).map(EmailAddress::new).toList();
    }

    private boolean send(List<EmailAddress> to, String subject, String body) {
        try {
            for (EmailAddress address : to) {
                mail.send(new Letter(address, subject, body));
            }
            return true;
        } catch (MailUnavailable e) {
            log.warn("critical finding mail not sent, tried again at the next check: {}", e.getMessage());
            return false;
        }
    }
}
