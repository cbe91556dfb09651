package com.radrelay.onboarding.ui;

import com.radrelay.security.Licence;
import com.radrelay.security.RadiologistProfile;
import com.radrelay.security.Roles;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.UserSummary;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/** Every radiologist's licences with their state; expiring ones first; a licence can be revoked from today. */
@Route("admin/radiologists")
@PageTitle("Radiologists · RadRelay")
@Menu(order = 12, icon = "vaadin:doctor", title = "Radiologists")
@RolesAllowed(Roles.PLATFORM_ADMIN)
class RadiologistsView extends Composite<VerticalLayout> {

    private record Row(UserSummary holder, Licence licence, long daysLeft) {
    }

    private final UserAccounts accounts;
    private final Clock clock;
    private final Grid<Row> grid = new Grid<>();

    RadiologistsView(UserAccounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
        H2 title = new H2("Radiologists and their licences");
        title.setId("rr-view-title");
        grid.addColumn(r -> r.holder().displayName()).setHeader("Radiologist").setFlexGrow(1);
        grid.addColumn(r -> r.licence().region()).setHeader("Region").setAutoWidth(true);
        grid.addColumn(r -> r.licence().number()).setHeader("Licence").setAutoWidth(true);
        grid.addColumn(r -> r.licence().issuingAuthority()).setHeader("Issued by").setFlexGrow(1);
        grid.addColumn(r -> r.licence().validUntil()).setHeader("Valid until").setAutoWidth(true);
        grid.addColumn(this::state).setHeader("State").setAutoWidth(true);
        grid.addComponentColumn(r -> r.licence().revokedOn() != null || r.daysLeft() < 0 ? new Paragraph()
                : new Button("Revoke", e -> confirmRevoke(r))).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        getContent().add(title, new Paragraph("A licence counts on every worklist read: an expired or revoked "
                + "licence hides that region's studies from its holder at once. Holders and administrators with an "
                + "e-mail address are warned 30 and 7 days before a licence ends."), grid);
        refresh();
    }

    private String state(Row r) {
        if (r.licence().revokedOn() != null) {
            return "revoked from " + r.licence().revokedOn();
        }
        if (r.daysLeft() < 0) {
            return "expired";
        }
        return r.daysLeft() <= 30 ? "expires in " + r.daysLeft() + " days" : "valid";
    }

    private void confirmRevoke(Row r) {
        TextField reason = new TextField("Reason");
        reason.setWidthFull();
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Revoke licence " + r.licence().number() + " of " + r.holder().displayName() + "?");
        dialog.add(new Paragraph("From today its holder no longer sees studies from " + r.licence().region() + "."),
                reason);
        dialog.setCancelable(true);
        dialog.setConfirmText("Revoke");
        dialog.setConfirmButtonTheme(ButtonVariant.LUMO_ERROR.getVariantName() + " "
                + ButtonVariant.LUMO_PRIMARY.getVariantName());
        dialog.addConfirmListener(e -> {
            accounts.revokeLicence(r.holder().id(), r.licence().number(), LocalDate.now(clock),
                    reason.getValue().isBlank() ? "not given" : reason.getValue());
            Notification.show("Licence " + r.licence().number() + " revoked");
            refresh();
        });
        dialog.open();
    }

    private void refresh() {
        LocalDate today = LocalDate.now(clock);
        List<Row> rows = accounts.radiologists().stream().flatMap((RadiologistProfile p) -> {
            UserSummary holder = accounts.byId(p.userId()).orElseThrow();
            return p.licences().stream().map(l -> new Row(holder, l, ChronoUnit.DAYS.between(today, l.validUntil())));
        }).sorted(Comparator.comparingLong(Row::daysLeft)).toList();
        grid.setItems(rows);
    }
}
