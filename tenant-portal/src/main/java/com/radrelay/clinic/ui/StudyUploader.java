package com.radrelay.clinic.ui;

import com.radrelay.ingest.BrowserUploads;
import com.radrelay.ingest.UploadReport;
import com.radrelay.security.SignedInUser;
import com.radrelay.tenancy.TenantId;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private static final int MAX_IDS = 200;

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

    /**
     * The reports of some of this uploader's uploads (a JSON array of ids, at most {@value #MAX_IDS}), as a JSON
     * object by id; an id the server has no report for yet (or never will: someone else's) is left out.
     */
    @ClientCallable
    String reports(String uploadIdsJson) {
        String[] ids = JSON.readValue(uploadIdsJson, String[].class);
        Map<String, UploadReport> found = new LinkedHashMap<>();
        for (String id : Arrays.copyOf(ids, Math.min(ids.length, MAX_IDS))) {
            uploads.report(clinic, uploader, id).ifPresent(r -> found.put(id, r));
        }
        return JSON.writeValueAsString(found);
    }
}
