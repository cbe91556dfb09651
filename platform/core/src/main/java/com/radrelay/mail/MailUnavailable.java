package com.radrelay.mail;

/** The mail server refused or could not be reached: the action that needed the message did not happen. */
public class MailUnavailable extends RuntimeException {

    MailUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    MailUnavailable(String message) {
        super(message);
    }
}
