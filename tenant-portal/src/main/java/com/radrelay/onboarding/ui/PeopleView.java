package com.radrelay.onboarding.ui;

import com.radrelay.mail.MailUnavailable;
import com.radrelay.onboarding.InvitationSummary;
import com.radrelay.onboarding.Invitations;
import com.radrelay.security.Role;
import com.radrelay.security.Roles;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.UserSummary;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The people of a clinic (for its managers) or of an AI vendor (for its staff): who can sign in, invitations out,
 * and stopping an account.
 */
@Route("people")
@PageTitle("People · RadRelay")
@Menu(order = 40, icon = "vaadin:users", title = "People")
@RolesAllowed({Roles.CLINIC_MANAGER, Roles.AI_VENDOR})
class PeopleView extends Composite<VerticalLayout> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy")
            .withZone(ZoneId.systemDefault());

    private final UserAccounts accounts;
    private final Invitations invitations;
    private final SignedInUser me = UserAccounts.current().orElseThrow();
    private final Grid<UserSummary> people = new Grid<>();
    private final Grid<InvitationSummary> invited = new Grid<>();

    PeopleView(UserAccounts accounts, Invitations invitations) {
        this.accounts = accounts;
        this.invitations = invitations;
        H2 title = new H2("People");
        title.setId("rr-view-title");
        people.addColumn(UserSummary::displayName).setHeader("Name").setFlexGrow(1);
        people.addColumn(u -> u.email() != null ? u.email() : u.username()).setHeader("Signs in as").setFlexGrow(1);
        people.addColumn(u -> Invitations.label(u.role())).setHeader("Role").setAutoWidth(true);
        people.addColumn(u -> u.enabled() ? "active" : "stopped").setHeader("Account").setAutoWidth(true);
        people.addComponentColumn(this::toggle).setAutoWidth(true);
        people.setAllRowsVisible(true);
        invited.addColumn(InvitationSummary::email).setHeader("Invited").setFlexGrow(1);
        invited.addColumn(i -> Invitations.label(i.role())).setHeader("As").setAutoWidth(true);
        invited.addColumn(i -> WHEN.format(i.sentAt()) + " by " + i.invitedBy()).setHeader("Sent").setFlexGrow(1);
        invited.addColumn(InvitationSummary::state).setHeader("State").setAutoWidth(true);
        invited.addComponentColumn(i -> i.state().equals("waiting") ? new Button("Withdraw", e -> {
            invitations.withdraw(me, i.id());
            refresh();
        }) : new Span()).setAutoWidth(true);
        invited.setAllRowsVisible(true);
        getContent().add(title, people, new H3("Invite someone"), inviteForm(), invited);
        refresh();
    }

    private HorizontalLayout inviteForm() {
        EmailField email = new EmailField("E-mail address");
        email.setId("rr-invite-email");
        email.setWidth("22rem");
        Select<Role> role = new Select<>();
        role.setLabel("As");
        role.setId("rr-invite-role");
        role.setItems(invitations.rolesFor(me));
        role.setItemLabelGenerator(Invitations::label);
        role.setValue(invitations.rolesFor(me).getFirst());
        role.setVisible(invitations.rolesFor(me).size() > 1);
        Button send = new Button("Send invitation", e -> {
            try {
                invitations.invite(me, email.getValue(), role.getValue());
                Notification.show("Invitation sent to " + email.getValue().strip())
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                email.clear();
                refresh();
            } catch (IllegalArgumentException | MailUnavailable ex) {
                Notification.show(Messages.sentence(ex)).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        send.setId("rr-invite");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(email, role, send);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private Button toggle(UserSummary user) {
        Button button = new Button(user.enabled() ? "Stop account" : "Allow again", e -> {
            accounts.setEnabled(user.id(), !user.enabled(), me);
            refresh();
        });
        // No one locks themselves out.
        button.setVisible(!user.id().equals(me.id()));
        return button;
    }

    private void refresh() {
        people.setItems(me.tenant().map(accounts::ofClinic)
                .orElseGet(() -> accounts.ofVendor(accounts.vendorOf(me.id()).orElseThrow().id())));
        invited.setItems(invitations.ofOrganisationOf(me));
    }
}
