package com.radrelay.marketplace.ui;

import com.radrelay.security.Roles;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.Vendor;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** The AI vendor's home: the vendor account that will publish models to clinics. */
@Route("vendor")
@PageTitle("Vendor · RadRelay")
@Menu(order = 10, icon = "vaadin:cubes", title = "Vendor account")
@RolesAllowed(Roles.AI_VENDOR)
class VendorHomeView extends Composite<VerticalLayout> {

    VendorHomeView(UserAccounts accounts) {
        SignedInUser me = UserAccounts.current().orElseThrow();
        H2 title = new H2(accounts.vendorOf(me.id()).map(Vendor::name).orElse(me.displayName()));
        title.setId("rr-view-title");
        getContent().add(title, new Paragraph("Signed in as " + me.displayName() + " (" + me.username() + ")."),
                new Paragraph("Models reach clinics as a Triton model repository plus a radrelay-model.yaml "
                        + "manifest; vendor code never runs inside RadRelay."));
    }
}
