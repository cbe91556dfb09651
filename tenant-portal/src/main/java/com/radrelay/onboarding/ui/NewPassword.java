package com.radrelay.onboarding.ui;

import com.vaadin.flow.component.textfield.PasswordField;

/** A new password, typed twice. */
final class NewPassword {

    final PasswordField password;
    final PasswordField repeat;

    NewPassword(String label) {
        password = new PasswordField(label);
        password.setId("rr-password");
        password.setHelperText("At least 12 characters");
        repeat = new PasswordField(label + " again");
        repeat.setId("rr-password-again");
    }

    /** The password, once both entries agree. */
    String value() {
        if (!password.getValue().equals(repeat.getValue())) {
            throw new IllegalArgumentException("the two passwords differ; type the same password twice");
        }
        return password.getValue();
    }
}
