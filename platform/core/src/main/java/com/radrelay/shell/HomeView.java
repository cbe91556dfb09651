package com.radrelay.shell;

import com.radrelay.security.UserAccounts;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** The root URL: sends each signed-in user to the home view of their role, or first to their second factor. */
@Route("")
@PermitAll
class HomeView extends Div implements BeforeEnterObserver {

    private final List<RoleHome> homes;

    HomeView(List<RoleHome> homes) {
        this.homes = homes;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (UserAccounts.secondFactorPending()) {
            event.forwardTo(SecondFactorView.class);
            return;
        }
        UserAccounts.current()
                .flatMap(user -> homes.stream().filter(h -> h.role() == user.role()).findFirst())
                .ifPresentOrElse(home -> event.forwardTo(home.view()),
                        () -> event.rerouteToError(IllegalStateException.class, "No home view for this role"));
    }
}
