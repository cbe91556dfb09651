package com.radrelay.mail;

import com.radrelay.security.EmailAddress;

/** One plain-text message to one person. */
public record Letter(EmailAddress to, String subject, String body) {
}
