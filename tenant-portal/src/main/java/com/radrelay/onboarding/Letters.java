package com.radrelay.onboarding;

import com.radrelay.mail.Letter;
import com.radrelay.mail.Mail;
import com.radrelay.security.EmailAddress;
import java.time.Duration;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** The wording of every onboarding e-mail, with links built from the configured public address. */
@Component
class Letters {

    private final Mail mail;

    Letters(Mail mail) {
        this.mail = mail;
    }

    void confirmAddress(EmailAddress to, ApplicantKind kind, String token, Duration validFor) {
        send(to, "Confirm your e-mail address for RadRelay", """
                Thank you for applying to join RadRelay as %s.

                Confirm that this address is yours by opening this link:
                %s

                The link works once and expires in %s. Once your address is confirmed, a RadRelay administrator \
                reviews your application and writes to you with the decision.

                If you did not apply, ignore this message; nothing happens without the confirmation.
                """.formatted(article(kind.label()), mail.link("join/confirm?token=" + token), readable(validFor)));
    }

    void alreadyKnown(EmailAddress to) {
        send(to, "Someone tried to sign up to RadRelay with your address", """
                An application to join RadRelay was made with this e-mail address, which already has an account \
                or an application under review. Nothing new was created.

                To sign in: %s
                Forgot your password? %s

                If this was not you, you can ignore this message.
                """.formatted(mail.link("login"), mail.link("password/forgot")));
    }

    void approved(EmailAddress to, ApplicantKind kind, String organisation) {
        send(to, "Your RadRelay application is approved", """
                Your application to join RadRelay as %s (%s) is approved.

                Sign in with this e-mail address and the password you chose: %s
                """.formatted(article(kind.label()), organisation, mail.link("login")));
    }

    void rejected(EmailAddress to, String reason) {
        send(to, "Your RadRelay application", """
                A RadRelay administrator reviewed your application and could not approve it. The reason given:

                %s

                You may apply again once this is resolved: %s
                """.formatted(reason, mail.link("join")));
    }

    void moreInformation(EmailAddress to, String question, String token, Duration validFor) {
        send(to, "RadRelay needs more information for your application", """
                A RadRelay administrator reviewing your application asks:

                %s

                Answer here (the link expires in %s): %s
                """.formatted(question, readable(validFor), mail.link("join/continue?token=" + token)));
    }

    void invitation(EmailAddress to, String clinic, String role, String invitedBy, String token, Duration validFor) {
        send(to, "You are invited to " + clinic + " on RadRelay", """
                %s invites you to join %s on RadRelay as %s.

                Choose your password and join here (the link works once and expires in %s):
                %s
                """.formatted(invitedBy, clinic, article(role), readable(validFor),
                mail.link("join/invitation?token=" + token)));
    }

    void invitationForExistingAccount(EmailAddress to, String clinic, String invitedBy) {
        send(to, "An invitation to " + clinic + " on RadRelay", """
                %s tried to invite this address to %s on RadRelay, but it already has a RadRelay account. An \
                account belongs to one clinic; ask them to invite another address, or sign in: %s
                """.formatted(invitedBy, clinic, mail.link("login")));
    }

    void passwordReset(EmailAddress to, String token, Duration validFor) {
        send(to, "Choose a new RadRelay password", """
                Someone asked to reset the password of the RadRelay account with this address.

                Choose a new password here (the link works once and expires in %s):
                %s

                If this was not you, ignore this message: your password stays as it is.
                """.formatted(readable(validFor), mail.link("password/reset?token=" + token)));
    }

    /** {@code whose} starts the message: "Your licence" or "The licence of Dr Grace Kimani". */
    void licenceExpiring(EmailAddress to, String whose, String number, String region, LocalDate until, long days) {
        send(to, "Licence " + number + " expires in " + days + " days", """
                %s %s (%s) expires on %s, in %d days.

                After that day its holder no longer sees studies from clinics in %s. A renewed licence is \
                entered by a RadRelay administrator.
                """.formatted(whose, number, region, until, days, region));
    }

    private void send(EmailAddress to, String subject, String body) {
        mail.send(new Letter(to, subject, body));
    }

    private static String article(String noun) {
        return ("aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static String readable(Duration d) {
        if (d.toDays() >= 1) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        return d.toHours() >= 1 ? d.toHours() + (d.toHours() == 1 ? " hour" : " hours") : d.toMinutes() + " minutes";
    }
}
