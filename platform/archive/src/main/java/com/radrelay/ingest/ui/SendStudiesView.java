package com.radrelay.ingest.ui;

import com.radrelay.dicom.DicomNetwork;
import com.radrelay.dicom.DicomServer;
import com.radrelay.dicom.web.DicomWebUrls;
import com.radrelay.security.Roles;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** How a clinic's modalities and PACS send studies: DICOM and DICOMweb addresses. */
@Route("clinic/send")
@PageTitle("Send studies · RadRelay")
@Menu(order = 20, icon = "vaadin:connect", title = "Modalities and PACS")
@RolesAllowed({Roles.CLINIC_UPLOADER, Roles.CLINIC_MANAGER})
class SendStudiesView extends Composite<VerticalLayout> {

    SendStudiesView(TenantDirectory clinics, DicomNetwork network, DicomServer dicom) {
        Tenant clinic = clinics.byId(CurrentTenant.require()).orElseThrow();
        VerticalLayout root = getContent();
        H2 title = new H2("Send studies from " + clinic.name());
        title.setId("rr-view-title");
        root.add(title);
        List<String> aeTitles = network.aeTitles(clinic.id());
        root.add(new H3("From a modality or PACS (DICOM)"), new Paragraph(aeTitles.isEmpty()
                ? "Your clinic has no DICOM AE title yet; your clinic manager adds one under DICOM network."
                : "Configure a DICOM destination (C-STORE) with these settings. The sending device's own AE title "
                        + "must be on your clinic's list of devices, kept by your clinic manager."));
        if (!aeTitles.isEmpty()) {
            root.add(readOnly("Host", VaadinServletRequest.getCurrent().getServerName()),
                    readOnly("Port", Integer.toString(dicom.port())),
                    readOnly("Called AE title", String.join(", ", aeTitles)));
        }
        root.add(new H3("From a PACS or gateway (DICOMweb)"), new Paragraph(
                "Point the system's STOW-RS destination at this address and give it an API token issued by your "
                        + "clinic manager (HTTP header Authorization: Bearer <token>)."));
        root.add(readOnly("STOW-RS endpoint", DicomWebUrls.base(
                VaadinServletRequest.getCurrent().getHttpServletRequest(), clinic.slug()) + "/studies"));
    }

    private static TextField readOnly(String label, String value) {
        TextField field = new TextField(label);
        field.setValue(value);
        field.setReadOnly(true);
        field.setWidth("40em");
        return field;
    }
}
