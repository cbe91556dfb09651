package com.radrelay.worklist.ui;

import com.radrelay.security.Licence;
import com.radrelay.security.RadiologistProfile;
import com.radrelay.security.Roles;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.Optional;

/** The regions and modalities a radiologist is licensed to report. */
@Route("reader/licences")
@PageTitle("Reading · RadRelay")
@Menu(order = 30, icon = "vaadin:diploma", title = "My reading licences")
@RolesAllowed(Roles.RADIOLOGIST)
class ReaderHomeView extends Composite<VerticalLayout> {

    ReaderHomeView(UserAccounts accounts) {
        SignedInUser me = UserAccounts.current().orElseThrow();
        VerticalLayout root = getContent();
        H2 title = new H2("Dr " + me.displayName());
        title.setId("rr-view-title");
        root.add(title);
        Optional<RadiologistProfile> profile = accounts.profileOf(me.id());
        if (profile.isEmpty()) {
            root.add(new Paragraph("No licences are on file yet. Studies are offered only for regions and "
                    + "modalities you are licensed for; ask the platform administrator to record yours."));
            return;
        }
        RadiologistProfile p = profile.get();
        root.add(new Paragraph("Modalities: " + String.join(", ", p.modalities())
                + (p.subspecialties().isEmpty() ? "" : " · Subspecialties: " + String.join(", ", p.subspecialties()))));
        root.add(new H3("Licences"));
        LocalDate today = LocalDate.now();
        Grid<Licence> licences = new Grid<>();
        licences.addColumn(Licence::region).setHeader("Region");
        licences.addColumn(Licence::number).setHeader("Licence number");
        licences.addColumn(Licence::validUntil).setHeader("Valid until");
        licences.addColumn(l -> l.validOn(today) ? "valid" : "expired").setHeader("Status");
        licences.setItems(p.licences());
        licences.setAllRowsVisible(true);
        root.add(licences);
    }
}
