package com.radrelay.onboarding.ui;

import com.radrelay.mail.MailUnavailable;
import com.radrelay.onboarding.SignUp;
import com.radrelay.onboarding.SigningUp;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** A clinic applies: who it is, where it is, how much it sends, and its first manager's account. */
@Route(value = "join/clinic", autoLayout = false)
@PageTitle("A clinic joins RadRelay")
@AnonymousAllowed
class ClinicSignUpView extends PublicPage {

    ClinicSignUpView(SigningUp signUp) {
        super("A clinic joins RadRelay");
        TextField name = field("Clinic name", "rr-clinic-name");
        TextField country = field("Country", "rr-country");
        country.setHelperText("Two letters (ISO 3166-1), e.g. KE");
        TextField region = field("Region", "rr-region");
        region.setHelperText("ISO 3166-2, e.g. KE-30: radiologists licensed here read your studies");
        TextArea address = new TextArea("Address");
        address.setId("rr-address");
        TextField phone = field("Phone", "rr-phone");
        IntegerField volume = new IntegerField("Studies per month (expected)");
        volume.setId("rr-volume");
        volume.setMin(1);
        TextField manager = field("Your name (the clinic's manager)", "rr-full-name");
        AccountFields account = new AccountFields();
        Button apply = new Button("Apply", e -> {
            try {
                signUp.apply(new SignUp.Clinic(name.getValue(), country.getValue(), region.getValue(),
                        address.getValue(), phone.getValue(), volume.getValue() == null ? 0 : volume.getValue(),
                        manager.getValue(), account.email.getValue(), account.password.value()));
                done("Check your inbox at " + account.email.getValue().strip() + ": we sent a link to confirm the "
                        + "address. Your application reaches our administrators once it is confirmed.",
                        new Anchor("", "Back to RadRelay"));
            } catch (IllegalArgumentException | MailUnavailable ex) {
                fail(Messages.sentence(ex));
            }
        });
        apply.setId("rr-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show(account.addTo(new FormLayout(name, phone, country, region, address, volume, manager)), apply);
    }

    static TextField field(String label, String id) {
        TextField f = new TextField(label);
        f.setId(id);
        f.setRequiredIndicatorVisible(true);
        return f;
    }
}
