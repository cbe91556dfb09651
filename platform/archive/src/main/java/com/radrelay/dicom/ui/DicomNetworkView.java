package com.radrelay.dicom.ui;

import com.radrelay.dicom.DicomNetwork;
import com.radrelay.dicom.Peer;
import com.radrelay.security.Roles;
import com.radrelay.tenancy.CurrentTenant;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * The clinic manager's DICOM settings: the clinic's AE titles, and the devices (modalities, PACS) allowed to
 * send, query and retrieve; a device with host and port can also receive C-MOVE.
 */
@Route("clinic/dicom")
@PageTitle("DICOM network · RadRelay")
@Menu(order = 30, icon = "vaadin:connect", title = "DICOM network")
@RolesAllowed(Roles.CLINIC_MANAGER)
class DicomNetworkView extends Composite<VerticalLayout> {

    private final DicomNetwork network;
    private final Grid<String> aeTitles = new Grid<>();
    private final Grid<Peer> peers = new Grid<>();

    DicomNetworkView(DicomNetwork network) {
        this.network = network;
        VerticalLayout root = getContent();
        H2 title = new H2("DICOM network");
        title.setId("rr-view-title");
        root.add(title);

        root.add(new H3("Our AE titles"), new Paragraph("Devices call RadRelay with one of these as the called AE title."));
        aeTitles.addColumn(t -> t).setHeader("AE title");
        aeTitles.setAllRowsVisible(true);
        TextField newTitle = new TextField("New AE title");
        newTitle.setMaxLength(16);
        Button addTitle = new Button("Add", e -> {
            try {
                network.registerAeTitle(newTitle.getValue());
                newTitle.clear();
                refresh();
            } catch (IllegalArgumentException ex) {
                error(ex);
            }
        });
        root.add(aeTitles, row(newTitle, addTitle));

        root.add(new H3("Devices allowed to connect"), new Paragraph(
                "Only these calling AE titles are accepted, and only from their address (one IP address, a range "
                        + "such as 10.0.0.0/24, or a host name) or, over DICOM TLS, with their certificate (paste it, "
                        + "or its SHA-256 fingerprint); given both, both must hold. With a port, the device can also "
                        + "receive studies by C-MOVE (at one address)."));
        peers.addColumn(Peer::aeTitle).setHeader("AE title");
        peers.addColumn(p -> p.host() != null ? p.host() : p.certificateSha256() != null ? "any"
                : "none: refused until removed and added with its address").setHeader("Address");
        peers.addColumn(p -> p.certificateSha256() == null ? "" : "SHA-256 " + p.certificateSha256().substring(0, 16)
                + "…").setHeader("TLS certificate");
        peers.addColumn(p -> p.port() == null ? "" : p.port().toString()).setHeader("Port");
        peers.addColumn(Peer::description).setHeader("Description");
        peers.addComponentColumn(p -> {
            Button remove = new Button("Remove", e -> {
                network.removePeer(p.id());
                refresh();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            return remove;
        });
        peers.setAllRowsVisible(true);
        TextField peerAe = new TextField("AE title");
        peerAe.setMaxLength(16);
        TextField host = new TextField("Address, range or host");
        host.setPlaceholder("e.g. 10.0.0.21 or 10.0.0.0/24");
        TextArea certificate = new TextArea("TLS certificate (optional)");
        certificate.setPlaceholder("-----BEGIN CERTIFICATE----- … or its SHA-256 fingerprint");
        IntegerField port = new IntegerField("Port (optional)");
        TextField description = new TextField("Description");
        Button addPeer = new Button("Add device", e -> {
            try {
                network.registerPeer(peerAe.getValue(), host.getValue(), port.getValue(), description.getValue(),
                        certificate.getValue());
                peerAe.clear();
                host.clear();
                certificate.clear();
                port.clear();
                description.clear();
                refresh();
            } catch (IllegalArgumentException ex) {
                error(ex);
            }
        });
        addPeer.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        root.add(peers, row(peerAe, host, port, description, certificate, addPeer));
        refresh();
    }

    private static HorizontalLayout row(com.vaadin.flow.component.Component... components) {
        HorizontalLayout row = new HorizontalLayout(components);
        row.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        row.setWrap(true);
        return row;
    }

    private void refresh() {
        aeTitles.setItems(network.aeTitles(CurrentTenant.require()));
        peers.setItems(network.peers());
    }

    private static void error(IllegalArgumentException e) {
        Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
