package com.radrelay.mail;

import java.time.Instant;

/** A message the embedded SMTP server received. */
public record CapturedMail(String to, String subject, Instant sentAt, String body) {
}
