package com.radrelay.onboarding.ui;

import com.radrelay.onboarding.ClinicOnboarding;
import com.radrelay.security.Roles;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** The platform administrator's home: every clinic on the platform, and registering a new one. */
@Route("admin/clinics")
@PageTitle("Clinics · RadRelay")
@Menu(order = 10, icon = "vaadin:building", title = "Clinics")
@RolesAllowed(Roles.PLATFORM_ADMIN)
class ClinicsView extends Composite<VerticalLayout> {

    private final TenantDirectory clinics;
    private final ClinicOnboarding onboarding;
    private final Grid<Tenant> grid = new Grid<>();

    ClinicsView(TenantDirectory clinics, ClinicOnboarding onboarding) {
        this.clinics = clinics;
        this.onboarding = onboarding;
        VerticalLayout root = getContent();
        H2 title = new H2("Clinics");
        title.setId("rr-view-title");
        grid.addColumn(Tenant::name).setHeader("Clinic").setSortable(true);
        grid.addColumn(Tenant::slug).setHeader("Code");
        grid.addColumn(Tenant::country).setHeader("Country");
        grid.addColumn(Tenant::region).setHeader("Region");
        grid.addColumn(t -> t.status().name().toLowerCase()).setHeader("Status");
        grid.setAllRowsVisible(true);
        root.add(title, grid, new H3("Register a clinic"), registrationForm());
        refresh();
    }

    private FormLayout registrationForm() {
        TextField name = new TextField("Name");
        TextField slug = new TextField("Code");
        slug.setHelperText("Lower-case letters, digits and dashes; used in URLs and AE titles");
        TextField country = new TextField("Country");
        country.setHelperText("ISO 3166-1, e.g. KE");
        TextField region = new TextField("Region");
        region.setHelperText("ISO 3166-2, e.g. KE-30");
        Button register = new Button("Register", e -> {
            try {
                Tenant t = onboarding.register(slug.getValue(), name.getValue(), country.getValue(), region.getValue());
                Notification.show("Registered " + t.name());
                name.clear();
                slug.clear();
                country.clear();
                region.clear();
                refresh();
            } catch (IllegalArgumentException ex) {
                Notification.show(ex.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return new FormLayout(name, slug, country, region, register);
    }

    private void refresh() {
        grid.setItems(clinics.all());
    }
}
