package com.radrelay.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** GreenMail on a free loopback port, with the application's mail sender pointed at it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "radrelay.mail.embedded", havingValue = "true")
class EmbeddedMailServer {

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail embeddedSmtpServer() {
        return new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    }

    @Bean
    JavaMailSenderImpl embeddedMailSender(GreenMail server) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(server.getSmtp().getPort());
        sender.setDefaultEncoding("UTF-8");
        return sender;
    }

    @Bean
    EmbeddedMailbox embeddedMailbox(GreenMail server) {
        return new EmbeddedMailbox(server);
    }
}
