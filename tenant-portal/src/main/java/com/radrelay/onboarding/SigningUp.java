package com.radrelay.onboarding;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.EmailAddress;
import com.radrelay.security.PasswordHash;
import com.radrelay.security.UserAccounts;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The applicant's side of joining: apply, confirm the address, answer the administrator's questions. Whether an
 * address is already known is never shown on the page, only written to that address.
 */
@Service
@EnableConfigurationProperties(OnboardingSettings.class)
public class SigningUp {

    static final Set<ApplicationStatus> OPEN = EnumSet.of(ApplicationStatus.UNCONFIRMED, ApplicationStatus.PENDING,
            ApplicationStatus.MORE_INFO);
    private static final Set<ApplicationStatus> UNDER_REVIEW = EnumSet.of(ApplicationStatus.PENDING,
            ApplicationStatus.MORE_INFO);

    private final Applications applications;
    private final OnboardingLinks links;
    private final Letters letters;
    private final LicenceDocuments documents;
    private final Decisions decisions;
    private final UserAccounts accounts;
    private final AuditLog audit;
    private final OnboardingSettings settings;
    private final Clock clock;

    SigningUp(Applications applications, OnboardingLinks links, Letters letters, LicenceDocuments documents,
            Decisions decisions, UserAccounts accounts, AuditLog audit, OnboardingSettings settings, Clock clock) {
        this.applications = applications;
        this.links = links;
        this.letters = letters;
        this.documents = documents;
        this.decisions = decisions;
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** Checks the form (bad input fails with a message for the applicant) and sends the confirmation link. */
    @Transactional
    public void apply(SignUp form) {
        PasswordHash password = accounts.hashPassword(form.password());
        Application application = switch (form) {
            case SignUp.Clinic c -> Application.of(c, password, clock.instant());
            case SignUp.Radiologist r -> Application.of(r, password, clock.instant());
            case SignUp.Vendor v -> Application.of(v, password, clock.instant());
        };
        if (form instanceof SignUp.Radiologist r && r.document() == null) {
            throw new IllegalArgumentException("attach a scan of your licence (PDF, JPEG or PNG)");
        }
        EmailAddress email = application.email();
        if (known(email)) {
            letters.alreadyKnown(email);
            audit.record(new AuditEvent(null, email.value(), "SIGN_UP_REPEATED", "application", email.value(),
                    AuditEvent.Outcome.DENIED, "kind=" + application.kind()));
            return;
        }
        // An application never confirmed (its link lost or expired) gives way to the new one.
        for (Application unconfirmed : applications.findByEmailIgnoreCaseAndStatus(email.value(),
                ApplicationStatus.UNCONFIRMED)) {
            unconfirmed.replace();
            decisions.record(unconfirmed.id(), email.value(), "REPLACED", "applied again before confirming");
        }
        applications.flush();
        if (form instanceof SignUp.Radiologist r && r.document() != null) {
            application.attachDocument(documents.store(application.id(), r.document()), r.document());
        }
        // Flushed now: the history below is written with JDBC and refers to this row.
        applications.saveAndFlush(application);
        decisions.record(application.id(), email.value(), "APPLIED", application.kind().label());
        String token = links.issue(OnboardingLinks.Purpose.CONFIRM_EMAIL, application.id(),
                settings.confirmLinkValidFor());
        letters.confirmAddress(email, application.kind(), token, settings.confirmLinkValidFor());
    }

    /**
     * Whether the address has an account or an application the administrators are looking at; never shown to
     * whoever types it.
     */
    @Transactional(readOnly = true)
    public boolean known(EmailAddress email) {
        return accounts.byEmail(email).isPresent() || accounts.byUsername(email.value()).isPresent()
                || applications.existsByEmailIgnoreCaseAndStatusIn(email.value(), UNDER_REVIEW);
    }

    /** Follows the confirmation link: the application joins the administrator's queue. */
    @Transactional
    public LinkCheck confirm(String token) {
        LinkCheck check = links.redeem(OnboardingLinks.Purpose.CONFIRM_EMAIL, token);
        if (check instanceof LinkCheck.Valid(var id)) {
            Application application = applications.findById(id).orElseThrow();
            application.confirm(clock.instant());
            decisions.record(id, application.email().value(), "CONFIRMED_EMAIL", null);
            audit.record(new AuditEvent(null, application.email().value(), "APPLICATION_SUBMITTED", "application",
                    id.toString(), AuditEvent.Outcome.SUCCESS, "kind=" + application.kind()));
        }
        return check;
    }

    /** The application a "more information" link is about, while the link is good. */
    @Transactional(readOnly = true)
    public Optional<ApplicationSummary> awaitingAnswer(String token) {
        return links.check(OnboardingLinks.Purpose.CONTINUE_APPLICATION, token) instanceof LinkCheck.Valid(var id)
                ? applications.findById(id).map(Application::toSummary) : Optional.empty();
    }

    @Transactional(readOnly = true)
    public LinkCheck checkAnswerLink(String token) {
        return links.check(OnboardingLinks.Purpose.CONTINUE_APPLICATION, token);
    }

    /** The applicant's answer, with a new licence scan if they were asked for one; back into the queue. */
    @Transactional
    public LinkCheck answer(String token, String answer, @Nullable LicenceDocument document) {
        if (answer.isBlank()) {
            throw new IllegalArgumentException("enter your answer");
        }
        LinkCheck check = links.redeem(OnboardingLinks.Purpose.CONTINUE_APPLICATION, token);
        if (check instanceof LinkCheck.Valid(var id)) {
            Application application = applications.findById(id).orElseThrow();
            application.answer(answer);
            if (document != null) {
                application.attachDocument(documents.store(id, document), document);
            }
            decisions.record(id, application.email().value(), "ANSWERED",
                    document == null ? answer : answer + " (new document " + document.fileName() + ")");
        }
        return check;
    }
}
