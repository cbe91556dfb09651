package com.radrelay.shell;

import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/** The frame around every signed-in view. The menu lists the views this user may open, from every module. */
@Layout
@PermitAll
class MainLayout extends AppLayout {

    MainLayout(AuthenticationContext authentication) {
        SideNav nav = new SideNav();
        // getMenuEntries() already leaves out views the current user's roles may not open.
        MenuConfiguration.getMenuEntries().forEach(entry -> {
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        });
        addToDrawer(nav);

        Span brand = new Span("RadRelay");
        brand.addClassName("rr-brand");
        Span who = new Span(UserAccounts.current().map(MainLayout::describe).orElse(""));
        who.setId("rr-signed-in-as");
        Button signOut = new Button("Sign out", e -> authentication.logout());
        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), brand, who, signOut);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(who);
        addToNavbar(bar);
    }

    private static String describe(SignedInUser user) {
        return user.displayName() + " · " + user.role().name().replace('_', ' ').toLowerCase();
    }
}
