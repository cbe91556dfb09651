package com.radrelay.onboarding.ui;

import com.radrelay.onboarding.ClinicOnboarding;
import com.radrelay.security.Roles;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
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
        grid.addComponentColumn(this::statusAction).setHeader("");
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

    /** Suspend (asking why) an active clinic, reactivate a suspended one. */
    private Button statusAction(Tenant clinic) {
        if (!clinic.active()) {
            Button reactivate = new Button("Reactivate", e -> {
                onboarding.reactivate(clinic.id());
                Notification.show(clinic.name() + " is active again");
                refresh();
            });
            reactivate.setId("rr-reactivate-" + clinic.slug());
            reactivate.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return reactivate;
        }
        Button suspend = new Button("Suspend…", e -> {
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle("Suspend " + clinic.name());
            TextField reason = new TextField("Why");
            reason.setId("rr-suspend-reason");
            reason.setWidthFull();
            dialog.add(new Paragraph("Its people are signed out, its tokens and DICOM devices refused, until you "
                    + "reactivate it. Its studies stay in the archive."), reason);
            Button confirm = new Button("Suspend", c -> {
                try {
                    onboarding.suspend(clinic.id(), reason.getValue());
                    dialog.close();
                    Notification.show(clinic.name() + " is suspended");
                    refresh();
                } catch (IllegalArgumentException ex) {
                    reason.setInvalid(true);
                    reason.setErrorMessage(ex.getMessage());
                }
            });
            confirm.setId("rr-suspend-confirm");
            confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
            dialog.getFooter().add(new Button("Cancel", c -> dialog.close()), confirm);
            dialog.open();
        });
        suspend.setId("rr-suspend-" + clinic.slug());
        suspend.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return suspend;
    }

    private void refresh() {
        grid.setItems(clinics.all());
    }
}
