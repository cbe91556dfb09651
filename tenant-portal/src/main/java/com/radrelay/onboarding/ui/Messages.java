package com.radrelay.onboarding.ui;

import com.radrelay.mail.MailUnavailable;

/** Error messages as sentences for the person at the form. */
final class Messages {

    private Messages() {
    }

    static String sentence(RuntimeException e) {
        if (e instanceof MailUnavailable) {
            return "We could not send the e-mail just now, so nothing was saved. Please try again in a few minutes.";
        }
        String m = e.getMessage() == null ? "Something is wrong with what was entered." : e.getMessage();
        return Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : ".");
    }
}
