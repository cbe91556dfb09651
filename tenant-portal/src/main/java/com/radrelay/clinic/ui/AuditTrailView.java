package com.radrelay.clinic.ui;

import com.radrelay.audit.AuditLog;
import com.radrelay.audit.AuditRecord;
import com.radrelay.clinic.AuditTrailExport;
import com.radrelay.security.Role;
import com.radrelay.security.Roles;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A clinic's audit trail for a period of days (UTC): the newest records on the page, every record as CSV or as FHIR
 * AuditEvents. Managers see their clinic's; administrators choose a clinic.
 */
@Route("clinic/audit")
@PageTitle("Audit trail · RadRelay")
@Menu(order = 80, icon = "vaadin:file-text-o", title = "Audit trail")
@RolesAllowed({Roles.CLINIC_MANAGER, Roles.PLATFORM_ADMIN})
class AuditTrailView extends Composite<VerticalLayout> {

    private static final int SHOWN = 200;

    private final AuditLog audit;
    private final DatePicker from = new DatePicker("From (UTC)");
    private final DatePicker to = new DatePicker("To, inclusive (UTC)");
    private final Grid<AuditRecord> grid = new Grid<>();
    private final Paragraph summary = new Paragraph();
    private @Nullable Tenant clinic;

    AuditTrailView(AuditLog audit, AuditTrailExport export, TenantDirectory clinics, Clock clock) {
        this.audit = audit;
        SignedInUser me = UserAccounts.current().orElseThrow();
        H2 title = new H2("Audit trail");
        title.setId("rr-view-title");
        getContent().add(title, new Paragraph("Who did what with this clinic's studies and settings: every read, "
                + "store, sign-in and change, kept append-only in a keyed chain. Download a period for an auditor "
                + "as CSV or as FHIR AuditEvent resources."));
        if (me.role() == Role.PLATFORM_ADMIN) {
            ComboBox<Tenant> choice = new ComboBox<>("Clinic", clinics.all().stream()
                    .sorted(Comparator.comparing(Tenant::name)).toList());
            choice.setItemLabelGenerator(Tenant::name);
            choice.setId("rr-audit-clinic");
            choice.setWidth("24em");
            choice.addValueChangeListener(e -> {
                clinic = e.getValue();
                show();
            });
            getContent().add(choice);
        } else {
            clinic = clinics.byId(me.tenant().orElseThrow()).orElseThrow();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        from.setValue(today.minusDays(30));
        to.setValue(today);
        from.setId("rr-audit-from");
        to.setId("rr-audit-to");
        from.addValueChangeListener(e -> show());
        to.addValueChangeListener(e -> show());
        Anchor csv = download(export, AuditTrailExport.Format.CSV, me, "Download CSV");
        csv.setId("rr-audit-csv");
        Anchor fhir = download(export, AuditTrailExport.Format.FHIR, me, "Download FHIR AuditEvents");
        fhir.setId("rr-audit-fhir");
        grid.setId("rr-audit");
        grid.addColumn(r -> r.at().toString().replace('T', ' ').replaceFirst("\\.\\d+", "").replace("Z", ""))
                .setHeader("Time (UTC)").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.event().actor()).setHeader("Who").setAutoWidth(true);
        grid.addColumn(r -> r.event().action()).setHeader("What").setAutoWidth(true);
        grid.addColumn(r -> r.event().objectType() + (r.event().objectId() == null ? "" : " " + r.event().objectId()))
                .setHeader("On").setFlexGrow(1);
        grid.addColumn(r -> r.event().outcome().name()).setHeader("Outcome").setAutoWidth(true);
        grid.addColumn(r -> r.event().detail() == null ? "" : r.event().detail()).setHeader("Detail").setFlexGrow(1);
        summary.setId("rr-audit-summary");
        getContent().add(new HorizontalLayout(from, to), new HorizontalLayout(csv, fhir), summary, grid);
        show();
    }

    private Anchor download(AuditTrailExport export, AuditTrailExport.Format format, SignedInUser me, String label) {
        return new Anchor((DownloadHandler) event -> {
            Tenant c = clinic;
            Instant[] period = period();
            if (c == null || period == null) {
                event.getResponse().sendError(400, "choose a clinic and a period");
                return;
            }
            event.setFileName("audit-" + c.slug() + "-" + from.getValue() + "-to-" + to.getValue() + "."
                    + format.extension());
            event.setContentType(format.mediaType());
            export.write(c, period[0], period[1], format, me.username(), event.getOutputStream());
        }, label);
    }

    /** [from, to + 1 day) in UTC, or null while the period is incomplete or backwards. */
    private Instant @Nullable [] period() {
        LocalDate a = from.getValue();
        LocalDate b = to.getValue();
        if (a == null || b == null || b.isBefore(a)) {
            return null;
        }
        return new Instant[] {a.atStartOfDay(ZoneOffset.UTC).toInstant(),
                b.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()};
    }

    private void show() {
        Instant[] period = period();
        if (clinic == null || period == null) {
            grid.setItems(List.of());
            summary.setText(clinic == null ? "Choose a clinic." : "Choose a period whose end is not before its start.");
            return;
        }
        // The newest records of the period, oldest dropped as the walk goes on; the downloads hold them all.
        Deque<AuditRecord> newest = new ArrayDeque<>();
        long[] count = {0};
        audit.trail(clinic.id(), period[0], period[1], r -> {
            count[0]++;
            newest.addFirst(r);
            if (newest.size() > SHOWN) {
                newest.removeLast();
            }
        });
        grid.setItems(new ArrayList<>(newest));
        summary.setText(count[0] == 0 ? "No records in this period."
                : count[0] + " records in this period" + (count[0] > SHOWN ? "; the newest " + SHOWN + " are shown"
                        : "") + ".");
    }
}
