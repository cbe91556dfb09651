package com.radrelay.clinic.ui;

import com.radrelay.ingest.BrowserUploads;
import com.radrelay.security.SignedInUser;
import com.radrelay.tenancy.TenantId;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.Objects;
import org.springframework.security.web.csrf.CsrfToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browser side of resumable uploads (our {@code rr-upload} element over tus-js-client): it sends the files and
 * asks here for each file's report, which only its uploader may read.
 */
@Tag("rr-upload")
@JsModule("./rr-upload.js")
@NpmPackage(value = "tus-js-client", version = "4.3.1")
class StudyUploader extends Component {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BrowserUploads uploads;
    private final TenantId clinic;
    private final String uploader;

    StudyUploader(BrowserUploads uploads, SignedInUser user, CsrfToken csrf) {
        this.uploads = uploads;
        this.clinic = Objects.requireNonNull(user.clinic(), "uploads belong to a clinic");
        this.uploader = user.username();
        getElement().setProperty("endpoint", BrowserUploads.ENDPOINT);
        getElement().setProperty("uploader", uploader);
        getElement().setProperty("csrfHeader", csrf.getHeaderName());
        getElement().setProperty("csrfToken", csrf.getToken());
    }

    /** The report of one of this uploader's uploads as JSON, {@code null} while the server has none. */
    @ClientCallable
    String report(String uploadId) {
        return JSON.writeValueAsString(uploads.report(clinic, uploader, uploadId).orElse(null));
    }
}
