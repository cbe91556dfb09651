package com.radrelay.onboarding.ui;

import com.radrelay.mail.MailUnavailable;
import com.radrelay.onboarding.PasswordResets;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
@Route(value = "password/forgot", autoLayout = false)
@PageTitle("Forgot your password · RadRelay")
@AnonymousAllowed
class ForgotPasswordView extends PublicPage {

    ForgotPasswordView(PasswordResets resets) {
        super("Forgot your password?");
        EmailField email = new EmailField("Your account's e-mail address");
        email.setId("rr-email");
        email.setWidthFull();
        Button send = new Button("Send me a link", e -> {
            try {
                resets.request(email.getValue());
                done("If an account uses " + email.getValue().strip() + ", a link to choose a new password is on "
                        + "its way. It works once, within an hour.", signIn());
            } catch (IllegalArgumentException | MailUnavailable ex) {
                fail(Messages.sentence(ex));
            }
        });
        send.setId("rr-send-reset");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show(new Paragraph("Accounts made before e-mail sign-in (a username without @) are reset by your clinic's "
                + "manager or a RadRelay administrator."), email, send);
    }
}
