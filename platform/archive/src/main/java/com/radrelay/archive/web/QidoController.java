package com.radrelay.archive.web;

import com.radrelay.archive.ArchiveSettings;
import com.radrelay.archive.query.ArchiveQuery;
import com.radrelay.archive.query.QueryLevel;
import com.radrelay.archive.query.QueryMatch;
import com.radrelay.dicom.DicomJson;
import com.radrelay.tenancy.TenantJdbcTransactions;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** QIDO-RS (PS3.18 10.6): searches for studies, series and instances of the caller's clinic, in DICOM JSON. */
@RestController
class QidoController {

    private final ArchiveQuery query;
    private final TenantJdbcTransactions tx;
    private final ArchiveSettings settings;

    QidoController(ArchiveQuery query, TenantJdbcTransactions tx, ArchiveSettings settings) {
        this.query = query;
        this.tx = tx;
        this.settings = settings;
    }

    @GetMapping("/dicomweb/{clinic}/studies")
    void studies(@PathVariable String clinic, HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        search(QueryLevel.STUDY, clinic, null, null, rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/series")
    void allSeries(@PathVariable String clinic, HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        search(QueryLevel.SERIES, clinic, null, null, rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series")
    void seriesOfStudy(@PathVariable String clinic, @PathVariable String study, HttpServletRequest rq,
            HttpServletResponse rsp) throws IOException {
        search(QueryLevel.SERIES, clinic, study, null, rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/instances")
    void allInstances(@PathVariable String clinic, HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        search(QueryLevel.IMAGE, clinic, null, null, rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/instances")
    void instancesOfStudy(@PathVariable String clinic, @PathVariable String study, HttpServletRequest rq,
            HttpServletResponse rsp) throws IOException {
        search(QueryLevel.IMAGE, clinic, study, null, rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}/instances")
    void instancesOfSeries(@PathVariable String clinic, @PathVariable String study, @PathVariable String series,
            HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        search(QueryLevel.IMAGE, clinic, study, series, rq, rsp);
    }

    private void search(QueryLevel level, String clinic, @Nullable String study, @Nullable String series,
            HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        if (!DicomWebResponses.acceptsJson(rq)) {
            DicomWebResponses.problem(rsp, 406, "QIDO-RS answers in application/dicom+json");
            return;
        }
        QidoRequest request;
        try {
            request = QidoRequest.parse(rq.getParameterMap(), settings.maxQueryResults());
        } catch (IllegalArgumentException e) {
            DicomWebResponses.problem(rsp, 400, e.getMessage());
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
            matches = tx.execute(() -> query.find(level, keys, request.offset(), request.limit() + 1));
        } catch (IllegalArgumentException e) {
            DicomWebResponses.problem(rsp, 400, e.getMessage());
            return;
        }
        if (matches.size() > request.limit()) {
            matches = matches.subList(0, request.limit());
            // PS3.18: a truncated answer says so; the client pages on with offset.
            rsp.setHeader("Warning", "299 radrelay: There are additional results that can be requested");
        }
        int[] returnTags = request.returnTags(level, study != null, series != null);
        String base = DicomWebResponses.base(rq, clinic);
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
        String url = base + "/studies/" + m.studyUid();
        if (level != QueryLevel.STUDY) {
            url += "/series/" + m.seriesUid();
        }
        if (level == QueryLevel.IMAGE) {
            url += "/instances/" + m.sopUid();
        }
        return url;
    }
}
