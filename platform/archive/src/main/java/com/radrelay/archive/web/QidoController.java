package com.radrelay.archive.web;

import com.radrelay.archive.ArchiveSettings;
import com.radrelay.archive.QueryLevel;
import com.radrelay.archive.QueryMatch;
import com.radrelay.archive.StudyArchive;
import com.radrelay.audit.ReadAudit;
import com.radrelay.dicom.DicomJson;
import com.radrelay.dicom.web.DicomWebController;
import com.radrelay.dicom.web.DicomWebMediaTypes;
import com.radrelay.dicom.web.DicomWebProblems;
import com.radrelay.dicom.web.DicomWebUrls;
import com.radrelay.security.ApiClient;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.ElementDictionary;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.VR;
import org.dcm4che3.json.JSONWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** QIDO-RS (PS3.18 10.6): searches for studies, series and instances of the caller's clinic, in DICOM JSON. */
@DicomWebController
class QidoController {

    private final StudyArchive archive;
    private final ArchiveSettings settings;
    private final ReadAudit audit;

    QidoController(StudyArchive archive, ArchiveSettings settings, ReadAudit audit) {
        this.archive = archive;
        this.settings = settings;
        this.audit = audit;
    }

    @GetMapping("/dicomweb/{clinic}/studies")
    void studies(@AuthenticationPrincipal ApiClient client, @PathVariable String clinic, HttpServletRequest rq,
            HttpServletResponse rsp) throws IOException {
        search(client, QueryLevel.STUDY, clinic, null, null, rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/series")
    void allSeries(@AuthenticationPrincipal ApiClient client, @PathVariable String clinic, HttpServletRequest rq,
            HttpServletResponse rsp) throws IOException {
        search(client, QueryLevel.SERIES, clinic, null, null, rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series")
    void seriesOfStudy(@AuthenticationPrincipal ApiClient client, @PathVariable String clinic,
            @PathVariable String study, HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        search(client, QueryLevel.SERIES, clinic, study, null, rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/instances")
    void allInstances(@AuthenticationPrincipal ApiClient client, @PathVariable String clinic, HttpServletRequest rq,
            HttpServletResponse rsp) throws IOException {
        search(client, QueryLevel.IMAGE, clinic, null, null, rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/instances")
    void instancesOfStudy(@AuthenticationPrincipal ApiClient client, @PathVariable String clinic,
            @PathVariable String study, HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        search(client, QueryLevel.IMAGE, clinic, study, null, rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}/instances")
    void instancesOfSeries(@AuthenticationPrincipal ApiClient client, @PathVariable String clinic,
            @PathVariable String study, @PathVariable String series, HttpServletRequest rq, HttpServletResponse rsp)
            throws IOException {
        search(client, QueryLevel.IMAGE, clinic, study, series, rq, rsp);
    }

    private void search(ApiClient client, QueryLevel level, String clinic, @Nullable String study,
            @Nullable String series, HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        if (!DicomWebMediaTypes.acceptsJson(rq)) {
            DicomWebProblems.send(rsp, 406, "QIDO-RS answers in application/dicom+json");
            return;
        }
        QidoRequest request;
        try {
            request = QidoRequest.parse(rq.getParameterMap(), settings.maxQueryResults());
        } catch (IllegalArgumentException e) {
            DicomWebProblems.send(rsp, 400, String.valueOf(e.getMessage()));
            return;
        }
        Attributes keys = new Attributes(request.keys());
        if (study != null) {
            keys.setString(Tag.StudyInstanceUID, VR.UI, study);
        }
        if (series != null) {
            keys.setString(Tag.SeriesInstanceUID, VR.UI, series);
        }
        List<QueryMatch> matches;
        try {
            // One more than asked for tells whether the page is the last one.
            matches = archive.search(client.clinic(), level, keys, request.offset(), request.limit() + 1);
        } catch (IllegalArgumentException e) {
            DicomWebProblems.send(rsp, 400, String.valueOf(e.getMessage()));
            return;
        }
        if (matches.size() > request.limit()) {
            matches = matches.subList(0, request.limit());
            // PS3.18: a truncated answer says so; the client pages on with offset.
            rsp.setHeader("Warning", "299 radrelay: There are additional results that can be requested");
        }
        audit.query(client.clinic(), client.getName(), "QIDO-RS", level.name(), matches.size());
        int[] returnTags = request.returnTags(level, study != null, series != null);
        String base = DicomWebUrls.base(rq, clinic);
        rsp.setStatus(200);
        rsp.setContentType("application/dicom+json");
        try (OutputStream out = rsp.getOutputStream(); JsonGenerator json = DicomJson.generator(out)) {
            JSONWriter writer = new JSONWriter(json);
            json.writeStartArray();
            for (QueryMatch m : matches) {
                Attributes result = request.includeAll() ? m.attrs() : new Attributes(m.attrs(), returnTags);
                for (int tag : request.includeFields()) {
                    // Asked for but absent: answered as present and empty, as C-FIND does.
                    if (!result.contains(tag)) {
                        result.setNull(tag, ElementDictionary.vrOf(tag, null));
                    }
                }
                result.setString(Tag.RetrieveURL, VR.UR, retrieveUrl(base, level, m));
                writer.write(result);
            }
            json.writeEnd();
        }
    }

    private static String retrieveUrl(String base, QueryLevel level, QueryMatch m) {
        return switch (level) {
            case STUDY -> DicomWebUrls.study(base, m.studyUid());
            case SERIES -> DicomWebUrls.series(base, m.studyUid(), String.valueOf(m.seriesUid()));
            case IMAGE -> DicomWebUrls.instance(base, m.studyUid(), String.valueOf(m.seriesUid()),
                    String.valueOf(m.sopUid()));
        };
    }
}
