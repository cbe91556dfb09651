package com.radrelay.worklist.ui;

import com.radrelay.security.Roles;
import com.radrelay.security.UserAccounts;
import com.radrelay.worklist.Worklist;
import com.radrelay.worklist.WorklistRow;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** For the platform administrator: the studies being read now, and taking one back from its reader. */
@Route("admin/reads")
@PageTitle("Reads in progress · RadRelay")
@Menu(order = 20, icon = "vaadin:clock", title = "Reads in progress")
@RolesAllowed(Roles.PLATFORM_ADMIN)
class ReadsInProgressView extends Composite<VerticalLayout> {

    private final Worklist worklist;
    private final Grid<WorklistRow> grid = new Grid<>();

    ReadsInProgressView(Worklist worklist) {
        this.worklist = worklist;
        H2 title = new H2("Reads in progress");
        title.setId("rr-view-title");
        grid.setId("rr-reads");
        grid.addColumn(WorklistRow::clinicName).setHeader("Clinic");
        grid.addColumn(r -> String.join(", ", r.modalities())).setHeader("Modality");
        grid.addColumn(r -> r.description() == null ? "" : r.description()).setHeader("Study").setFlexGrow(2);
        grid.addColumn(r -> r.priority().name()).setHeader("Priority");
        grid.addColumn(r -> String.valueOf(r.claimedName())).setHeader("Reader");
        grid.addColumn(WorklistRow::dueAt).setHeader("Due");
        grid.addComponentColumn(r -> {
            Button back = new Button("Take back", e -> {
                worklist.takeBack(r.clinic(), r.study(), UserAccounts.current().orElseThrow().username());
                Notification.show("Back in the worklist; " + r.claimedName() + " can no longer sign it");
                grid.setItems(worklist.inRead());
            });
            back.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            return back;
        });
        grid.setItems(worklist.inRead());
        getContent().add(title, new Paragraph("Take a study back when its reader cannot finish it: it returns to "
                + "the worklist of every eligible radiologist, and the reader's claim can no longer save or sign."),
                grid);
    }
}
