package com.radrelay.clinic.ui;

import com.radrelay.mail.Mail;
import com.radrelay.security.ApiScope;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.IssuedToken;
import com.radrelay.security.Roles;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;

/**
 * The clinic manager sets up the edge gateway: a configuration made for this clinic, with a token of its own (shown
 * once, revocable among the clinic's tokens), and how to run it.
 */
@Route("clinic/gateway")
@PageTitle("Edge gateway · RadRelay")
@Menu(order = 35, icon = "vaadin:connect", title = "Edge gateway")
@RolesAllowed(Roles.CLINIC_MANAGER)
class EdgeGatewayView extends Composite<VerticalLayout> {

    private static final String JAR = "/downloads/radrelay-edge-gateway.jar";

    EdgeGatewayView(TenantDirectory clinics, ApiTokens tokens, Mail mail) {
        Tenant clinic = clinics.byId(CurrentTenant.require()).orElseThrow();
        H2 title = new H2("Edge gateway");
        title.setId("rr-view-title");
        TextField aeTitle = new TextField("AE title your modalities send to");
        aeTitle.setValue("RADRELAY-GW");
        aeTitle.setMaxLength(16);
        IntegerField port = new IntegerField("DICOM port on the gateway PC");
        port.setValue(11112);
        Div download = new Div();
        download.setId("rr-gateway-download");
        Button make = new Button("Make a configuration", e -> {
            // The gateway only sends: a token that cannot read keeps the archive closed if the PC is lost.
            IssuedToken token = tokens.issue("edge gateway " + LocalDate.now(), Set.of(ApiScope.STORE), null);
            byte[] config = configuration(mail.link("dicomweb/" + clinic.slug()).toString(), token.secret(),
                    aeTitle.getValue().strip(), port.getValue() == null ? 11112 : port.getValue())
                    .getBytes(StandardCharsets.UTF_8);
            Anchor file = new Anchor(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                    new ByteArrayInputStream(config), "radrelay-gateway.properties", "text/plain", config.length)),
                    "Download radrelay-gateway.properties");
            file.setId("rr-gateway-config");
            download.removeAll();
            download.add(new Paragraph(file), new Paragraph("It holds a new API token (\"" + token.name()
                    + "\") that can store studies and read nothing, shown only in this file. Keep it like a "
                    + "password; revoke it on the Clinic page when the gateway PC is retired."));
        });
        make.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getContent().add(title, new Paragraph("A small program for a PC at the clinic: your modalities send to it "
                + "over DICOM on your own network, it keeps every study on its disk and forwards it to RadRelay "
                + "over HTTPS, carrying on by itself after a dropped link or a restart."), aeTitle, port, make,
                download, new Paragraph("On the gateway PC (Java 21 or newer), with the configuration beside it:"),
                new Pre("java -jar radrelay-edge-gateway.jar run radrelay-gateway.properties\n"
                        + "java -jar radrelay-edge-gateway.jar status radrelay-gateway.properties"),
                jarDownload());
    }

    /** The gateway jar the application was built with, when it was (a development run without it says so). */
    private static Paragraph jarDownload() {
        if (EdgeGatewayView.class.getResource(JAR) == null) {
            return new Paragraph("This installation was built without the gateway jar "
                    + "(tenant-portal/edge-gateway/target/radrelay-edge-gateway.jar).");
        }
        Anchor jar = new Anchor(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                EdgeGatewayView.class.getResourceAsStream(JAR), "radrelay-edge-gateway.jar",
                "application/java-archive", -1)), "Download radrelay-edge-gateway.jar");
        jar.setId("rr-gateway-jar");
        return new Paragraph(jar);
    }

    static String configuration(String dicomweb, String token, String aeTitle, int port) {
        return """
                # RadRelay edge gateway for this clinic. Keep this file private: it holds the clinic's token.
                radrelay.url=%s
                radrelay.token=%s
                dicom.ae-title=%s
                dicom.port=%d
                dicom.bind=0.0.0.0
                queue.folder=queue
                batch.instances=20
                batch.megabytes=32
                retry.first=PT1S
                retry.max=PT5M
                """.formatted(dicomweb, token, aeTitle, port);
    }
}
