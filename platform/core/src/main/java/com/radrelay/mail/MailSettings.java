package com.radrelay.mail;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail: the sender address, the public address links in messages point to, and whether to run the embedded SMTP
 * server (demo and tests) instead of the one configured under {@code spring.mail}.
 */
@ConfigurationProperties("radrelay.mail")
record MailSettings(@DefaultValue("RadRelay <no-reply@radrelay.local>") String from, @Nullable URI publicUrl,
        @DefaultValue("false") boolean embedded) {
}
