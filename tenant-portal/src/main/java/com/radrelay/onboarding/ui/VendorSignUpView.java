package com.radrelay.onboarding.ui;

import com.radrelay.mail.MailUnavailable;
import com.radrelay.onboarding.SignUp;
import com.radrelay.onboarding.SigningUp;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** An AI vendor applies: company, contact, and what regulators have said about its products. */
@Route(value = "join/vendor", autoLayout = false)
@PageTitle("An AI vendor joins RadRelay")
@AnonymousAllowed
class VendorSignUpView extends PublicPage {

    VendorSignUpView(SigningUp signUp) {
        super("An AI vendor joins RadRelay");
        TextField company = ClinicSignUpView.field("Company", "rr-company");
        TextField country = ClinicSignUpView.field("Country", "rr-country");
        country.setHelperText("Two letters (ISO 3166-1), e.g. DE");
        TextField contact = ClinicSignUpView.field("Your name", "rr-full-name");
        TextField phone = ClinicSignUpView.field("Phone", "rr-phone");
        TextArea regulatory = new TextArea("Regulatory information");
        regulatory.setId("rr-regulatory");
        regulatory.setHelperText("Clearances and marks your models hold (FDA 510(k), CE under MDR, ...), or that "
                + "none is held yet");
        AccountFields account = new AccountFields();
        Button apply = new Button("Apply", e -> {
            try {
                signUp.apply(new SignUp.Vendor(company.getValue(), contact.getValue(), account.email.getValue(),
                        phone.getValue(), country.getValue(), regulatory.getValue(), account.password.value()));
                done("Check your inbox at " + account.email.getValue().strip() + ": we sent a link to confirm the "
                        + "address. You can publish models once an administrator approves your company.",
                        new Anchor("", "Back to RadRelay"));
            } catch (IllegalArgumentException | MailUnavailable ex) {
                fail(Messages.sentence(ex));
            }
        });
        apply.setId("rr-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show(account.addTo(new FormLayout(company, country, contact, phone, regulatory)), apply);
    }
}
