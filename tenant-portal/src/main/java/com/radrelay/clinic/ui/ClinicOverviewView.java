package com.radrelay.clinic.ui;

import com.radrelay.security.ApiScope;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.IssuedToken;
import com.radrelay.security.Roles;
import com.radrelay.security.TokenSummary;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Set;
import java.util.stream.Collectors;

/** The clinic manager's home: the clinic, its staff, and the API tokens its systems use. */
@Route("clinic")
@PageTitle("Clinic · RadRelay")
@Menu(order = 10, icon = "vaadin:hospital", title = "Clinic")
@RolesAllowed(Roles.CLINIC_MANAGER)
class ClinicOverviewView extends Composite<VerticalLayout> {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private final ApiTokens tokens;
    private final Grid<TokenSummary> tokenGrid = new Grid<>();

    ClinicOverviewView(TenantDirectory clinics, ApiTokens tokens) {
        this.tokens = tokens;
        Tenant clinic = clinics.byId(CurrentTenant.require()).orElseThrow();
        VerticalLayout root = getContent();
        H2 title = new H2(clinic.name());
        title.setId("rr-view-title");
        root.add(title, new Paragraph("Region " + clinic.region() + " · clinic code " + clinic.slug()));

        root.add(new H3("Profile"), new ClinicProfileForm(clinics, clinic),
                new Paragraph(new Anchor("people", "The clinic's people and invitations")));

        root.add(new H3("API tokens"), new Paragraph(
                "Systems that send or fetch studies over DICOMweb (PACS, gateways, EMRs) authenticate with a token. "
                        + "Give each only what it needs: store (send studies), query (search), retrieve (images and "
                        + "reports). Revoke a token as soon as the system that holds it is retired or compromised."));
        tokenGrid.addColumn(TokenSummary::name).setHeader("Name");
        tokenGrid.addColumn(t -> t.secretPrefix() + "…").setHeader("Starts with");
        tokenGrid.addColumn(t -> when(t.createdAt())).setHeader("Issued");
        tokenGrid.addColumn(t -> t.scopes().stream().sorted().map(ApiScope::label)
                .collect(Collectors.joining(", "))).setHeader("May");
        tokenGrid.addColumn(t -> t.lastUsedAt() == null ? "never" : when(t.lastUsedAt())).setHeader("Last used");
        tokenGrid.addColumn(this::status).setHeader("Status");
        tokenGrid.addComponentColumn(t -> {
            Button revoke = new Button("Revoke", e -> revoke(t));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            revoke.setEnabled(t.revokedAt() == null);
            return revoke;
        });
        tokenGrid.setAllRowsVisible(true);
        TextField name = new TextField("New token for");
        name.setId("rr-token-name");
        name.setPlaceholder("e.g. Lakeside PACS");
        CheckboxGroup<ApiScope> scopes = new CheckboxGroup<>("It may");
        scopes.setId("rr-token-scopes");
        scopes.setItems(ApiScope.values());
        scopes.setItemLabelGenerator(ApiScope::label);
        scopes.setValue(Set.of(ApiScope.STORE));
        DatePicker expires = new DatePicker("Expires (optional)");
        expires.setId("rr-token-expires");
        expires.setMin(LocalDate.now().plusDays(1));
        Button issue = new Button("Issue token", e -> issue(name, scopes, expires));
        issue.setId("rr-token-issue");
        issue.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, scopes, expires, issue);
        form.setWrap(true);
        form.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        root.add(form, tokenGrid);
        refreshTokens();
    }

    private void issue(TextField name, CheckboxGroup<ApiScope> scopes, DatePicker expires) {
        if (scopes.getValue().isEmpty()) {
            scopes.setInvalid(true);
            scopes.setErrorMessage("Choose what the token may do");
            return;
        }
        scopes.setInvalid(false);
        try {
            // A token expires at the start of the chosen day, in the clinic manager's time zone.
            IssuedToken token = tokens.issue(name.getValue(), scopes.getValue(), expires.getValue() == null ? null
                    : expires.getValue().atStartOfDay(ZoneId.systemDefault()).toInstant());
            name.clear();
            refreshTokens();
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle("Token for " + token.name());
            TextField secret = new TextField("Copy it now: it is shown only once");
            secret.setId("rr-token-secret");
            secret.setValue(token.secret());
            secret.setReadOnly(true);
            secret.setWidthFull();
            dialog.add(secret);
            dialog.getFooter().add(new Button("Done", e -> dialog.close()));
            dialog.setWidth("36em");
            dialog.open();
        } catch (IllegalArgumentException e) {
            name.setInvalid(true);
            name.setErrorMessage(e.getMessage());
        }
    }

    private void revoke(TokenSummary token) {
        tokens.revoke(token.id());
        refreshTokens();
        Notification.show("Token '" + token.name() + "' revoked");
    }

    private void refreshTokens() {
        tokenGrid.setItems(tokens.list());
    }

    private String status(TokenSummary t) {
        if (t.revokedAt() != null) {
            return "revoked " + when(t.revokedAt());
        }
        if (t.expiresAt() == null) {
            return "active";
        }
        return (t.activeAt(Instant.now()) ? "active until " : "expired ") + when(t.expiresAt());
    }

    private static String when(Instant at) {
        return WHEN.format(at);
    }
}
