package com.radrelay.onboarding.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Where joining starts: one door for each kind of applicant. */
@Route(value = "join", autoLayout = false)
@PageTitle("Join RadRelay")
@AnonymousAllowed
class JoinView extends PublicPage {

    JoinView() {
        super("Join RadRelay");
        show(new Paragraph("Every application is checked by a RadRelay administrator. Start by telling us who you "
                + "are; we confirm your e-mail address first."),
                door("A clinic", "Send your studies for reporting by licensed radiologists.", "join/clinic",
                        "rr-join-clinic"),
                door("A radiologist", "Report studies from clinics in the regions where you hold a licence.",
                        "join/radiologist", "rr-join-radiologist"),
                door("An AI vendor", "Offer your models to clinics through the marketplace.", "join/vendor",
                        "rr-join-vendor"),
                new Paragraph(new Anchor("login", "Already have an account? Sign in")));
    }

    private static Div door(String title, String text, String href, String id) {
        Anchor go = new Anchor(href, "Apply as " + title.toLowerCase());
        go.setId(id);
        Div door = new Div(new H3(title), new Paragraph(text), go);
        door.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-m)").set("width", "100%").set("box-sizing", "border-box");
        return door;
    }
}
