package com.radrelay.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** What the embedded SMTP server received, newest first: the demo's mail page and the tests read it. */
public class EmbeddedMailbox {

    private final GreenMail server;

    EmbeddedMailbox(GreenMail server) {
        this.server = server;
    }

    public List<CapturedMail> messages() {
        // Arrival order, reversed: the Date header has whole seconds only.
        return Arrays.stream(server.getReceivedMessages()).map(EmbeddedMailbox::captured).toList().reversed();
    }

    public List<CapturedMail> to(String address) {
        return messages().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    private static CapturedMail captured(MimeMessage message) {
        try {
            String to = Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                    .collect(Collectors.joining(", "));
            Instant sent = message.getSentDate() == null ? Instant.EPOCH : message.getSentDate().toInstant();
            return new CapturedMail(to, message.getSubject(), sent, GreenMailUtil.getBody(message).strip());
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable captured message", e);
        }
    }
}
