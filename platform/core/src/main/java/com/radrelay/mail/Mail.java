package com.radrelay.mail;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Sends e-mail now, inside the caller's transaction: when the server refuses, the caller's change rolls back and the
 * person is told, rather than a link being recorded that never reaches anyone.
 */
@Service
@EnableConfigurationProperties(MailSettings.class)
public class Mail {

    private static final Logger log = LoggerFactory.getLogger(Mail.class);

    private final ObjectProvider<JavaMailSender> senders;
    private final MailSettings settings;
    private final Environment environment;

    Mail(ObjectProvider<JavaMailSender> senders, MailSettings settings, Environment environment) {
        this.senders = senders;
        this.settings = settings;
        this.environment = environment;
    }

    public void send(Letter letter) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            throw new MailUnavailable("no mail server is configured (spring.mail.host)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(letter.to().value());
        message.setSubject(letter.subject());
        message.setText(letter.body());
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("mail '{}' not sent: {}", letter.subject(), e.getMessage());
            throw new MailUnavailable("the mail server did not accept the message", e);
        }
    }

    /**
     * An absolute link into the application. Built from configuration, never from the request's Host header, which
     * a caller could forge to send someone a reset link to their own site.
     */
    public URI link(String pathAndQuery) {
        URI base = settings.publicUrl() != null ? settings.publicUrl()
                : URI.create("http://localhost:" + environment.getProperty("local.server.port",
                        environment.getProperty("server.port", "8080")));
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return URI.create(root + (pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery));
    }
}
