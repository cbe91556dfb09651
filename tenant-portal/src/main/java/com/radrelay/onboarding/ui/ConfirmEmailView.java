package com.radrelay.onboarding.ui;

import com.radrelay.onboarding.LinkCheck;
import com.radrelay.onboarding.SigningUp;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** The confirmation link from the sign-up e-mail: opening it confirms the address. */
@Route(value = "join/confirm", autoLayout = false)
@PageTitle("Confirm your e-mail address · RadRelay")
@AnonymousAllowed
class ConfirmEmailView extends PublicPage implements BeforeEnterObserver {

    private final SigningUp signUp;

    ConfirmEmailView(SigningUp signUp) {
        super("Confirm your e-mail address");
        this.signUp = signUp;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        LinkCheck result = signUp.confirm(token(event));
        if (result instanceof LinkCheck.Valid) {
            done("Thank you: your address is confirmed and your application is with our administrators. We write "
                    + "to you when they have decided.", new Anchor("", "Back to RadRelay"));
        } else {
            fail(LinkCheck.explain(result));
            show(new Anchor("join", "Apply again"));
        }
    }
}
