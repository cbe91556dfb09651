package com.radrelay.onboarding.ui;

import com.radrelay.mail.MailUnavailable;
import com.radrelay.onboarding.ApplicationReview;
import com.radrelay.onboarding.ApplicationStatus;
import com.radrelay.onboarding.ApplicationSummary;
import com.radrelay.onboarding.Decision;
import com.radrelay.security.Licence;
import com.radrelay.security.Roles;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The platform administrator's queue of applications: read each one, then approve, reject or ask for more. */
@Route("admin/applications")
@PageTitle("Applications · RadRelay")
@Menu(order = 11, icon = "vaadin:user-check", title = "Applications")
@RolesAllowed(Roles.PLATFORM_ADMIN)
class ApplicationsView extends Composite<VerticalLayout> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm")
            .withZone(ZoneId.systemDefault());

    private final ApplicationReview review;
    private final SignedInUser me = UserAccounts.current().orElseThrow();
    private final Grid<ApplicationSummary> open = new Grid<>();
    private final Grid<ApplicationSummary> decided = new Grid<>();
    private final Div detail = new Div();

    ApplicationsView(ApplicationReview review) {
        this.review = review;
        H2 title = new H2("Applications");
        title.setId("rr-view-title");
        configure(open);
        open.addComponentColumn(a -> {
            Button button = new Button("Review", e -> show(a));
            button.getElement().setAttribute("data-email", a.email());
            button.addClassName("rr-review");
            return button;
        }).setHeader("").setFlexGrow(0).setWidth("8rem");
        configure(decided);
        detail.setId("rr-application");
        detail.setWidthFull();
        getContent().add(title, open, detail, new H3("Decided"), decided);
        refresh();
    }

    private static void configure(Grid<ApplicationSummary> grid) {
        grid.addColumn(a -> WHEN.format(a.createdAt())).setHeader("Applied").setAutoWidth(true);
        grid.addColumn(a -> a.kind().label()).setHeader("As").setAutoWidth(true);
        grid.addColumn(ApplicationSummary::title).setHeader("Applicant").setFlexGrow(1);
        grid.addColumn(ApplicationSummary::email).setHeader("E-mail").setFlexGrow(1);
        grid.addColumn(a -> state(a.status())).setHeader("State").setAutoWidth(true);
        grid.setAllRowsVisible(true);
    }

    private static String state(ApplicationStatus status) {
        return switch (status) {
            case UNCONFIRMED -> "e-mail not confirmed yet";
            case PENDING -> "to review";
            case MORE_INFO -> "waiting for the applicant's answer";
            case APPROVED -> "approved";
            case REJECTED -> "rejected";
            case REPLACED -> "replaced by a later application";
        };
    }

    private void refresh() {
        open.setItems(review.open(me));
        decided.setItems(review.decided(me));
    }

    private void show(ApplicationSummary a) {
        detail.removeAll();
        List<String> facts = new ArrayList<>();
        facts.add(a.kind().label() + ": " + a.title() + (a.organisation() == null ? "" : ", contact " + a.fullName()));
        facts.add("E-mail " + a.email() + (a.phone() == null ? "" : ", phone " + a.phone()));
        if (a.region() != null || a.country() != null) {
            facts.add("Where: " + (a.address() == null ? "" : a.address() + ", ")
                    + (a.region() != null ? a.region() : a.country()));
        }
        if (a.expectedStudiesPerMonth() != null) {
            facts.add("Expects " + a.expectedStudiesPerMonth() + " studies a month");
        }
        if (a.regulatory() != null) {
            facts.add("Regulatory: " + a.regulatory());
        }
        if (!a.modalities().isEmpty()) {
            facts.add("Reports " + String.join(", ", a.modalities())
                    + (a.subspecialties().isEmpty() ? ""
                            : "; subspecialties " + String.join(", ", a.subspecialties())));
        }
        for (Licence l : a.licences()) {
            facts.add("Licence " + l.number() + " for " + l.region() + " from " + l.issuingAuthority()
                    + ", valid until " + l.validUntil());
        }
        if (a.answers() != null) {
            facts.add("Applicant's answers: " + a.answers());
        }
        UnorderedList list = new UnorderedList(facts.stream().map(ListItem::new).toArray(ListItem[]::new));
        detail.add(new H3(a.title()), list);
        if (a.documentName() != null) {
            Anchor document = new Anchor(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                    review.document(me, a.id()), a.documentName(), a.documentType(), -1)), "Open the licence scan ("
                    + a.documentName() + ")");
            document.setId("rr-licence-document");
            document.setTarget("_blank");
            detail.add(new Paragraph(document));
        }
        detail.add(new H3("History"), new UnorderedList(review.history(me, a.id()).stream().map(ApplicationsView::item)
                .toArray(ListItem[]::new)));
        if (a.status() == ApplicationStatus.PENDING || a.status() == ApplicationStatus.MORE_INFO) {
            detail.add(actions(a));
        } else if (a.status() == ApplicationStatus.UNCONFIRMED) {
            detail.add(new Paragraph("The applicant has not confirmed their e-mail address yet."));
        }
    }

    private VerticalLayout actions(ApplicationSummary a) {
        TextArea note = new TextArea("Reason or question for the applicant");
        note.setId("rr-decision-note");
        note.setWidthFull();
        Button approve = new Button("Approve", e -> act(() -> review.approve(me, a.id()), "Approved " + a.title()));
        approve.setId("rr-approve");
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        approve.setEnabled(a.status() == ApplicationStatus.PENDING);
        Button reject = new Button("Reject", e -> act(() -> review.reject(me, a.id(), note.getValue()),
                "Rejected " + a.title()));
        reject.setId("rr-reject");
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        Button ask = new Button("Ask for more", e -> act(() -> review.askForMore(me, a.id(), note.getValue()),
                "Asked " + a.title() + " for more"));
        ask.setId("rr-ask");
        ask.setEnabled(a.status() == ApplicationStatus.PENDING);
        VerticalLayout actions = new VerticalLayout(note, new HorizontalLayout(approve, ask, reject));
        actions.setPadding(false);
        return actions;
    }

    private void act(Supplier<ApplicationSummary> decision, String done) {
        try {
            ApplicationSummary after = decision.get();
            Notification.show(done).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
            show(after);
        } catch (IllegalArgumentException | IllegalStateException | MailUnavailable ex) {
            Notification.show(Messages.sentence(ex)).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private static ListItem item(Decision d) {
        return new ListItem(WHEN.format(d.at()) + " · " + d.actor() + " · " + d.action().toLowerCase().replace('_', ' ')
                + (d.note() == null ? "" : ": " + d.note()));
    }
}
