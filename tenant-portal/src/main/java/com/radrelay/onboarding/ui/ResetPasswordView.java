package com.radrelay.onboarding.ui;

import com.radrelay.onboarding.LinkCheck;
import com.radrelay.onboarding.PasswordResets;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** The reset link from the e-mail: choose a new password. */
@Route(value = "password/reset", autoLayout = false)
@PageTitle("Choose a new password · RadRelay")
@AnonymousAllowed
class ResetPasswordView extends PublicPage implements BeforeEnterObserver {

    private final PasswordResets resets;

    ResetPasswordView(PasswordResets resets) {
        super("Choose a new password");
        this.resets = resets;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String token = token(event);
        LinkCheck link = resets.check(token);
        if (!(link instanceof LinkCheck.Valid)) {
            fail(LinkCheck.explain(link));
            show(new Anchor("password/forgot", "Ask for a new link"));
            return;
        }
        NewPassword password = new NewPassword("New password");
        Button save = new Button("Save the new password", e -> {
            try {
                LinkCheck result = resets.reset(token, password.value());
                if (result instanceof LinkCheck.Valid) {
                    done("Your password is changed. Sign in with it now.", signIn());
                } else {
                    fail(LinkCheck.explain(result));
                }
            } catch (IllegalArgumentException ex) {
                fail(Messages.sentence(ex));
            }
        });
        save.setId("rr-save-password");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show(new FormLayout(password.password, password.repeat), save);
    }
}
