package com.radrelay.clinic.ui;

import com.radrelay.ingest.BrowserUploads;
import com.radrelay.security.Roles;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantDirectory;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.web.csrf.CsrfToken;

/** The uploader's home: send studies from a laptop (files, a folder, a CD copied to disk, zip archives). */
@Route("clinic/upload")
@PageTitle("Upload studies · RadRelay")
@Menu(order = 15, icon = "vaadin:upload", title = "Upload studies")
@RolesAllowed({Roles.CLINIC_UPLOADER, Roles.CLINIC_MANAGER})
class UploadView extends Composite<VerticalLayout> {

    UploadView(TenantDirectory clinics, BrowserUploads uploads) {
        SignedInUser user = UserAccounts.current().orElseThrow();
        String clinic = clinics.byId(CurrentTenant.require()).orElseThrow().name();
        VerticalLayout root = getContent();
        H2 title = new H2("Upload studies to " + clinic);
        title.setId("rr-view-title");
        CsrfToken csrf = (CsrfToken) VaadinServletRequest.getCurrent().getAttribute(CsrfToken.class.getName());
        StudyUploader uploader = new StudyUploader(uploads, user, csrf);
        uploader.setId("rr-upload");
        uploader.getElement().getStyle().set("width", "100%");
        root.add(title, new Paragraph("DICOM files go into your clinic's archive exactly as if your modality had "
                + "sent them; other files are skipped and listed. Each file's result appears beside it."), uploader);
    }
}
