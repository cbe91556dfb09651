package com.radrelay.reporting.ui;

import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudySummary;
import com.radrelay.reporting.Report;
import com.radrelay.reporting.ReportSigning;
import com.radrelay.reporting.SignResult;
import com.radrelay.security.Roles;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The reports a radiologist signed; a later change to one is an addendum, signed with the password again. */
@Route("reader/signed")
@PageTitle("Signed reports · RadRelay")
@Menu(order = 20, icon = "vaadin:file-text-o", title = "Signed reports")
@RolesAllowed(Roles.RADIOLOGIST)
class SignedReportsView extends Composite<VerticalLayout> {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private final ReportSigning signing;
    private final SignedInUser me = UserAccounts.current().orElseThrow();

    SignedReportsView(ReportSigning signing, TenantDirectory clinics, StudyArchive archive) {
        this.signing = signing;
        H2 title = new H2("Reports you signed");
        title.setId("rr-view-title");
        List<Row> rows = new ArrayList<>();
        for (Tenant clinic : clinics.all()) {
            for (Report r : signing.signedBy(me.id(), clinic.id(), 50)) {
                rows.add(new Row(clinic.name(), r, archive.study(clinic.id(), r.study()).orElse(null)));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> Objects.requireNonNull(r.report().signedAt())).reversed());
        Grid<Row> grid = new Grid<>();
        grid.setId("rr-signed-reports");
        grid.addColumn(r -> WHEN.format(Objects.requireNonNull(r.report().signedAt()))).setHeader("Signed");
        grid.addColumn(Row::clinic).setHeader("Clinic");
        grid.addColumn(r -> r.study() == null ? "" : r.study().patientNameForPeople()).setHeader("Patient");
        grid.addColumn(r -> r.study() == null || r.study().description() == null ? "" : r.study().description())
                .setHeader("Study");
        grid.addColumn(r -> r.report().impression()).setHeader("Impression").setFlexGrow(3);
        grid.addComponentColumn(r -> {
            Button add = new Button("Add an addendum", e -> addendum(r.report()));
            add.addClassName("rr-addendum");
            add.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return add;
        });
        grid.setItems(rows);
        getContent().add(title, new Paragraph("A signed report never changes; an addendum is signed on its own and "
                + "reaches the clinic like the report did."), grid);
    }

    private void addendum(Report report) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Addendum");
        TextArea text = new TextArea("Addendum");
        text.setId("rr-addendum-text");
        text.setWidth("36em");
        Checkbox critical = new Checkbox("Critical finding: the clinic must be told at once");
        PasswordField password = new PasswordField("Your password");
        password.setId("rr-addendum-password");
        TextField code = new TextField("Code from your authenticator app");
        code.setId("rr-addendum-code");
        code.getElement().setAttribute("autocomplete", "one-time-code");
        Button sign = new Button("Sign the addendum", e -> {
            switch (signing.addendum(me, password.getValue(), code.getValue(), report.clinic(), report.study(),
                    text.getValue(), critical.getValue())) {
                case SignResult.Signed s -> {
                    dialog.close();
                    Notification.show("Addendum signed; it is on its way to the clinic")
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                }
                case SignResult.NeedsReauthentication n -> {
                    password.setInvalid(true);
                    password.setErrorMessage("The password or the code is not right");
                }
                case SignResult.Incomplete i -> {
                    text.setInvalid(true);
                    text.setErrorMessage(i.message());
                }
                case SignResult.ClaimLost l -> dialog.close();
            }
        });
        sign.setId("rr-addendum-sign");
        sign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(text, critical, password, code));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), sign);
        dialog.open();
    }

    private record Row(String clinic, Report report, @Nullable StudySummary study) {
    }
}
