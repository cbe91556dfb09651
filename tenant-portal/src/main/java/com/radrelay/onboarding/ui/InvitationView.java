package com.radrelay.onboarding.ui;

import com.radrelay.onboarding.Invitation;
import com.radrelay.onboarding.Invitations;
import com.radrelay.onboarding.LinkCheck;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.Optional;

/** The invitee follows the e-mailed link, gives their name and chooses a password. */
@Route(value = "join/invitation", autoLayout = false)
@PageTitle("Join your colleagues · RadRelay")
@AnonymousAllowed
class InvitationView extends PublicPage implements BeforeEnterObserver {

    private final Invitations invitations;

    InvitationView(Invitations invitations) {
        super("Join your colleagues on RadRelay");
        this.invitations = invitations;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String token = token(event);
        Optional<Invitation> invitation = invitations.describe(token);
        if (invitation.isEmpty()) {
            fail(LinkCheck.explain(invitations.check(token)));
            return;
        }
        TextField name = ClinicSignUpView.field("Your name", "rr-full-name");
        NewPassword password = new NewPassword("Password");
        Button join = new Button("Join", e -> {
            try {
                LinkCheck result = invitations.accept(token, name.getValue(), password.value());
                if (result instanceof LinkCheck.Valid) {
                    done("Welcome to " + invitation.get().organisation() + ". Sign in with "
                            + invitation.get().email() + " and your new password.", signIn());
                } else {
                    fail(LinkCheck.explain(result));
                }
            } catch (IllegalArgumentException ex) {
                fail(Messages.sentence(ex));
            }
        });
        join.setId("rr-join");
        join.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Invitation i = invitation.get();
        show(new Paragraph("You are invited to " + i.organisation() + " as " + Invitations.label(i.role())
                + ". You will sign in with " + i.email() + "."),
                new FormLayout(name, password.password, password.repeat), join);
    }
}
