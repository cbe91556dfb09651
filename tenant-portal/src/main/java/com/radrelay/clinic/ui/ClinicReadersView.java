package com.radrelay.clinic.ui;

import com.radrelay.security.Licence;
import com.radrelay.security.RadiologistProfile;
import com.radrelay.security.ReaderPreference;
import com.radrelay.security.ReaderPreferences;
import com.radrelay.security.Roles;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.UserSummary;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

/** The radiologists licensed for the clinic's region; the manager may prefer or exclude each one. */
@Route("clinic/radiologists")
@PageTitle("Radiologists · RadRelay")
@Menu(order = 45, icon = "vaadin:doctor", title = "Radiologists")
@RolesAllowed(Roles.CLINIC_MANAGER)
class ClinicReadersView extends Composite<VerticalLayout> {

    private static final String NONE = "No preference";

    private record Reader(UserSummary user, RadiologistProfile profile, LocalDate licensedUntil) {
    }

    ClinicReadersView(UserAccounts accounts, ReaderPreferences preferences, TenantDirectory clinics, Clock clock) {
        SignedInUser me = UserAccounts.current().orElseThrow();
        Tenant clinic = clinics.byId(me.tenant().orElseThrow()).orElseThrow();
        LocalDate today = LocalDate.now(clock);
        Map<UUID, ReaderPreference> chosen = preferences.of(clinic.id());
        H2 title = new H2("Radiologists for " + clinic.region());
        title.setId("rr-view-title");
        Grid<Reader> grid = new Grid<>();
        grid.setId("rr-readers");
        grid.addColumn(r -> r.user().displayName()).setHeader("Radiologist").setFlexGrow(1);
        grid.addColumn(r -> String.join(", ", r.profile().modalities())).setHeader("Modalities").setAutoWidth(true);
        grid.addColumn(r -> String.join(", ", r.profile().subspecialties())).setHeader("Subspecialties")
                .setAutoWidth(true);
        grid.addColumn(Reader::licensedUntil).setHeader("Licensed here until").setAutoWidth(true);
        grid.addComponentColumn(r -> {
            Select<String> choice = new Select<>(NONE, label(ReaderPreference.PREFERRED),
                    label(ReaderPreference.EXCLUDED));
            choice.setValue(chosen.containsKey(r.user().id()) ? label(chosen.get(r.user().id())) : NONE);
            choice.addValueChangeListener(e -> {
                ReaderPreference preference = e.getValue().equals(NONE) ? null : e.getValue().equals(
                        label(ReaderPreference.PREFERRED)) ? ReaderPreference.PREFERRED : ReaderPreference.EXCLUDED;
                preferences.set(clinic.id(), r.user().id(), preference, me.username());
                Notification.show(r.user().displayName() + ": " + e.getValue().toLowerCase());
            });
            return choice;
        }).setHeader("Your preference").setAutoWidth(true);
        grid.setItems(accounts.radiologists().stream().filter(p -> p.licensedIn(clinic.region(), today))
                .flatMap(p -> accounts.byId(p.userId()).filter(UserSummary::enabled)
                        .map(u -> new Reader(u, p, licensedUntil(p, clinic.region(), today))).stream())
                .sorted(Comparator.comparing(r -> r.user().displayName())).toList());
        grid.setAllRowsVisible(true);
        getContent().add(title, new Paragraph("Radiologists with a valid licence for your region. An excluded "
                + "radiologist never sees your studies; a preferred one sees them first among studies of the same "
                + "priority."), grid);
    }

    private static LocalDate licensedUntil(RadiologistProfile profile, String region, LocalDate today) {
        return profile.licences().stream().filter(l -> l.region().equals(region) && l.validOn(today))
                .map(Licence::validUntil).max(Comparator.naturalOrder()).orElseThrow();
    }

    private static String label(ReaderPreference preference) {
        return preference == ReaderPreference.PREFERRED ? "Preferred" : "Excluded";
    }
}
