package com.radrelay.ingest.upload;

import com.radrelay.ingest.BrowserUploads;
import com.radrelay.security.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import me.desair.tus.server.TusFileUploadService;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The tus 1.0 resumable upload endpoint for the clinic's signed-in staff. Every upload belongs to its uploader at
 * their clinic: anyone else asking for it, even with its id, is told it does not exist.
 */
@Controller
class TusEndpoint {

    private final TusFileUploadService tus;
    private final UploadChecking checking;

    TusEndpoint(TusFileUploadService tus, UploadChecking checking) {
        this.tus = tus;
        this.checking = checking;
    }

    @RequestMapping({BrowserUploads.ENDPOINT, BrowserUploads.ENDPOINT + "/{id}"})
    void upload(@AuthenticationPrincipal @Nullable SignedInUser user, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        // The security chain lets only clinic roles in (UploadConfiguration); a clinic role always has its clinic.
        if (user == null || user.clinic() == null) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "only a clinic's staff upload studies");
            return;
        }
        tus.process(bareContentType(request), response, UploadChecking.owner(user.clinic(), user.username()));
        if (request.getMethod().equals("PATCH") && response.getStatus() == HttpServletResponse.SC_NO_CONTENT) {
            checking.afterData(user.clinic(), user.username(), request.getRequestURI());
        }
    }

    /**
     * The library compares the body's media type as a string; a charset parameter that a proxy or a servlet filter
     * adds (Spring's encoding filter does) changes nothing about the bytes.
     */
    private static HttpServletRequest bareContentType(HttpServletRequest request) {
        String type = request.getHeader("Content-Type");
        if (type == null || type.indexOf(';') < 0) {
            return request;
        }
        String bare = type.substring(0, type.indexOf(';')).strip();
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getContentType() {
                return bare;
            }

            @Override
            public @Nullable String getHeader(String name) {
                return name.equalsIgnoreCase("Content-Type") ? bare : super.getHeader(name);
            }
        };
    }
}
