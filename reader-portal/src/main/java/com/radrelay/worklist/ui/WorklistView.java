package com.radrelay.worklist.ui;

import com.radrelay.security.Roles;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.worklist.AiNote;
import com.radrelay.worklist.Worklist;
import com.radrelay.worklist.WorklistRow;
import com.radrelay.worklist.WorklistUpdates;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The radiologist's home: the studies they may read, most urgent first; claiming one opens it for reading. */
@Route("reader")
@PageTitle("Worklist · RadRelay")
@Menu(order = 10, icon = "vaadin:list-ol", title = "Worklist")
@RolesAllowed(Roles.RADIOLOGIST)
class WorklistView extends Composite<VerticalLayout> {

    /** The route of the reading page (in the reporting module): reader/read/{clinic}/{study}. */
    static final String READING = "reader/read";

    private final Worklist worklist;
    private final WorklistUpdates updates;
    private final Clock clock;
    private final SignedInUser me = UserAccounts.current().orElseThrow();
    private final Grid<WorklistRow> grid = new Grid<>();
    private @Nullable Runnable unsubscribe;

    WorklistView(Worklist worklist, WorklistUpdates updates, Clock clock) {
        this.worklist = worklist;
        this.updates = updates;
        this.clock = clock;
        VerticalLayout root = getContent();
        root.setSizeFull();
        H2 title = new H2("Worklist · Dr " + me.displayName());
        title.setId("rr-view-title");
        grid.setId("rr-worklist");
        // The action first and frozen: on a narrow screen the row's button stays in reach.
        grid.addComponentColumn(this::action).setHeader("").setAutoWidth(true).setFrozen(true);
        grid.addColumn(r -> r.priority().name()).setHeader("Priority").setAutoWidth(true);
        grid.addColumn(WorklistRow::clinicName).setHeader("Clinic").setAutoWidth(true);
        grid.addColumn(r -> String.join(", ", r.modalities())).setHeader("Modality").setAutoWidth(true);
        grid.addColumn(r -> String.join(", ", r.bodyParts())).setHeader("Body part").setAutoWidth(true);
        grid.addColumn(r -> r.description() == null ? "" : r.description()).setHeader("Description").setFlexGrow(2);
        grid.addColumn(r -> (r.patientAge() == null ? "?" : r.patientAge()) + " " + (r.patientSex() == null ? ""
                : r.patientSex())).setHeader("Age/sex").setAutoWidth(true);
        grid.addColumn(WorklistRow::instances).setHeader("Images").setAutoWidth(true);
        grid.addColumn(r -> String.join("; ", r.aiNotes().stream().map(AiNote::line).toList())).setHeader("AI (assistive)")
                .setFlexGrow(2);
        grid.addColumn(r -> ago(r.receivedAt())).setHeader("Waiting").setAutoWidth(true);
        grid.addColumn(r -> sla(r.dueAt())).setHeader("SLA").setAutoWidth(true);
        grid.addColumn(r -> r.clinicalQuestion() == null ? "" : r.clinicalQuestion()).setHeader("Clinical question")
                .setFlexGrow(2);
        grid.setSizeFull();
        root.add(title, new Paragraph("Studies of the clinics and modalities you are licensed for today. Patient "
                + "identity is shown once you claim a study."), grid);
        refresh();
    }

    private Button action(WorklistRow row) {
        boolean mine = me.id().equals(row.claimedBy());
        Button open = new Button(mine ? "Continue" : "Claim", e -> claim(row));
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        open.addClassName("rr-claim");
        return open;
    }

    /** The reading page claims the study when it opens, and says so if another radiologist was quicker. */
    private void claim(WorklistRow row) {
        UI.getCurrent().navigate(READING + "/" + row.clinic().value() + "/" + row.study().value());
    }

    private void refresh() {
        grid.setItems(worklist.rowsFor(me));
    }

    private String ago(Instant at) {
        return words(Duration.between(at, clock.instant()));
    }

    private String sla(Instant due) {
        Duration left = Duration.between(clock.instant(), due);
        return left.isNegative() ? "overdue " + words(left.negated()) : "due in " + words(left);
    }

    private static String words(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes < 48 * 60 ? d.toHours() + " h " + (minutes % 60) + " min" : d.toDays() + " days";
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        unsubscribe = updates.subscribe(() -> ui.access(this::refresh));
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }
}
