package com.radrelay.mail.ui;

import com.radrelay.mail.CapturedMail;
import com.radrelay.mail.EmbeddedMailbox;
import com.radrelay.security.Roles;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;

/** The demo's mailbox: every message the embedded SMTP server received, with its links clickable. */
@Route("admin/mail")
@PageTitle("Sent mail · RadRelay")
@Menu(order = 90, icon = "vaadin:envelope", title = "Sent mail")
@RolesAllowed(Roles.PLATFORM_ADMIN)
class MailboxView extends Composite<VerticalLayout> {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Div list = new Div();

    MailboxView(ObjectProvider<EmbeddedMailbox> mailbox) {
        H2 title = new H2("Sent mail");
        title.setId("rr-view-title");
        getContent().add(title);
        EmbeddedMailbox box = mailbox.getIfAvailable();
        if (box == null) {
            getContent().add(new Paragraph("Mail goes to the SMTP server configured under spring.mail; "
                    + "RadRelay keeps no copy of it."));
            return;
        }
        getContent().add(new Paragraph("This installation sends mail to its embedded SMTP server; nothing leaves "
                + "the machine. Each message it received is shown here."), new Button("Refresh", e -> show(box)),
                list);
        show(box);
    }

    private void show(EmbeddedMailbox box) {
        list.removeAll();
        if (box.messages().isEmpty()) {
            list.add(new Paragraph("No mail yet."));
        }
        for (CapturedMail mail : box.messages()) {
            Details message = new Details(new Span(TIME.format(mail.sentAt()) + " · to " + mail.to() + " · "
                    + mail.subject()), body(mail.body()));
            message.addClassName("rr-mail");
            list.add(message);
        }
    }

    private static Div body(String text) {
        Div body = new Div();
        body.getStyle().set("white-space", "pre-wrap");
        Matcher links = LINK.matcher(text);
        int at = 0;
        while (links.find()) {
            body.add(new Span(text.substring(at, links.start())), new Anchor(links.group(), links.group()));
            at = links.end();
        }
        body.add(new Span(text.substring(at)));
        return body;
    }
}
