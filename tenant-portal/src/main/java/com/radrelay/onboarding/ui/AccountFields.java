package com.radrelay.onboarding.ui;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.EmailField;

/** The e-mail address an applicant signs in with, and their password. */
final class AccountFields {

    final EmailField email = new EmailField("E-mail address");
    final NewPassword password = new NewPassword("Password");

    AccountFields() {
        email.setId("rr-email");
        email.setRequiredIndicatorVisible(true);
        email.setHelperText("You sign in with this address; we confirm it before anything else");
    }

    FormLayout addTo(FormLayout form) {
        form.add(email, password.password, password.repeat);
        return form;
    }
}
