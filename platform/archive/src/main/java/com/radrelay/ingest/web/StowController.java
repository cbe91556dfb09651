package com.radrelay.ingest.web;

import com.radrelay.archive.StoreBatch;
import com.radrelay.archive.StoreRequest;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StudyArchive;
import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.dicom.DicomJson;
import com.radrelay.dicom.web.DicomWebController;
import com.radrelay.dicom.web.DicomWebProblems;
import com.radrelay.dicom.web.DicomWebUrls;
import com.radrelay.dicom.web.MultipartReader;
import com.radrelay.ingest.inflation.InflationBudget;
import com.radrelay.security.ApiClient;
import com.radrelay.workflow.StudyUid;
import com.radrelay.workflow.Uids;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.VR;
import org.dcm4che3.json.JSONWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * STOW-RS (PS3.18 10.5): a multipart/related body of DICOM Part-10 files, each read and checked as it streams in
 * and written while the next ones are read. The answer lists every stored instance and every failure with its
 * reason: 200 when all were stored, 202 when some failed, 409 when none could be stored.
 */
@DicomWebController
class StowController {

    private final StudyArchive archive;
    private final AuditLog audit;
    private final StowSettings settings;

    StowController(StudyArchive archive, AuditLog audit, StowSettings settings) {
        this.archive = archive;
        this.audit = audit;
        this.settings = settings;
    }

    @PostMapping("/dicomweb/{clinic}/studies")
    void storeInstances(@PathVariable String clinic, @AuthenticationPrincipal ApiClient client,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        store(clinic, null, client, request, response);
    }

    @PostMapping("/dicomweb/{clinic}/studies/{study}")
    void storeInstancesOfStudy(@PathVariable String clinic, @PathVariable String study,
            @AuthenticationPrincipal ApiClient client, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!Uids.valid(study)) {
            DicomWebProblems.send(response, 400, "'" + study + "' is not a Study Instance UID");
            return;
        }
        store(clinic, new StudyUid(study), client, request, response);
    }

    private void store(String clinic, @Nullable StudyUid study, ApiClient client, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        MediaType type;
        try {
            type = MediaType.parseMediaType(request.getContentType() == null ? "" : request.getContentType());
        } catch (IllegalArgumentException e) {
            DicomWebProblems.send(response, 415, "Content-Type must be multipart/related; type=\"application/dicom\"");
            return;
        }
        String boundary = type.getParameter("boundary");
        String partType = type.getParameter("type");
        if (!type.isCompatibleWith(MediaType.parseMediaType("multipart/related")) || boundary == null
                || (partType != null && !unquote(partType).equalsIgnoreCase("application/dicom"))) {
            DicomWebProblems.send(response, 415, "only multipart/related; type=\"application/dicom\" with a boundary "
                    + "is supported (metadata and bulk data STOW-RS is not)");
            return;
        }
        long maxBody = settings.maxBody().toBytes();
        if (request.getContentLengthLong() > maxBody) {
            DicomWebProblems.send(response, 413, BodyLimit.refusal(maxBody));
            return;
        }
        InputStream sent = new BodyLimit(request.getInputStream(), maxBody);
        // A gateway on a slow link may compress the body; it is inflated as it is read, never held whole.
        String encoding = request.getHeader("Content-Encoding");
        InputStream body;
        if (encoding == null || encoding.equalsIgnoreCase("identity")) {
            body = sent;
        } else if (encoding.equalsIgnoreCase("gzip")) {
            InflationBudget budget = new InflationBudget(sent, settings.maxInflationRatio(),
                    settings.maxInflated().toBytes(), "compression");
            body = budget.unpacked(new GZIPInputStream(budget.packed(), 64 * 1024));
        } else {
            DicomWebProblems.send(response, 415, "Content-Encoding " + encoding + " is not supported; send gzip or "
                    + "no encoding");
            return;
        }
        List<CompletableFuture<StoreResult>> pending = new ArrayList<>();
        StoreBatch batch = archive.batch();
        MultipartReader reader = new MultipartReader(body, unquote(boundary));
        String refused = null;
        try {
            MultipartReader.Part part;
            while ((part = reader.next()) != null) {
                if (pending.size() == settings.maxParts()) {
                    refused = "the request holds more than " + settings.maxParts() + " instances: send them in "
                            + "several requests";
                    break;
                }
                pending.add(storePart(batch, study, client, part));
            }
        } catch (InflationBudget.Exceeded e) {
            refused = "the gzip body " + e.getMessage();
        } catch (BodyLimit.Exceeded e) {
            refused = e.getMessage();
        } catch (IOException e) {
            pending.add(CompletableFuture.completedFuture(new StoreResult.Rejected(0xC000,
                    "the multipart body is malformed: " + e.getMessage(), null, null)));
        }
        if (refused != null) {
            // What arrived before the limit is answered as usual; the rest of the body is refused as too large.
            pending.add(CompletableFuture.completedFuture(new StoreResult.Rejected(0xA700, refused, null, null)));
        }
        // Answered only when every part read so far is durable or refused, even if the body broke off.
        List<StoreResult> results = pending.stream().map(CompletableFuture::join).toList();
        if (refused != null && results.stream().noneMatch(r -> r.status() == 0)) {
            DicomWebProblems.send(response, 413, refused);
        } else {
            respond(response, DicomWebUrls.base(request, clinic), study, results);
        }
        long stored = results.stream().filter(r -> r.status() == 0).count();
        audit.record(new AuditEvent(client.clinic(), client.getName(), "STOW_RS", "instances", null,
                stored == results.size() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
                "stored=" + stored + " failed=" + (results.size() - stored)));
    }

    private static CompletableFuture<StoreResult> storePart(StoreBatch batch, @Nullable StudyUid study,
            ApiClient client, MultipartReader.Part part) {
        if (!part.contentType().toLowerCase(Locale.ROOT).startsWith("application/dicom")) {
            return CompletableFuture.completedFuture(new StoreResult.Rejected(0xC000, "part of type "
                    + part.contentType() + " is not application/dicom", null, null));
        }
        return batch.add(new StoreRequest.File(client.clinic(), part.body(), "stow:" + client.tokenName(), study));
    }

    private static void respond(HttpServletResponse response, String base, @Nullable StudyUid study,
            List<StoreResult> results) throws IOException {
        Attributes answer = new Attributes();
        Sequence stored = answer.newSequence(Tag.ReferencedSOPSequence, results.size());
        Sequence failed = answer.newSequence(Tag.FailedSOPSequence, results.size());
        List<String> warnings = new ArrayList<>();
        String studyUid = study == null ? null : study.value();
        boolean serverFault = false;
        for (StoreResult r : results) {
            Attributes item = new Attributes();
            if (r.sopClassUid() != null) {
                item.setString(Tag.ReferencedSOPClassUID, VR.UI, r.sopClassUid());
            }
            if (r.sopInstanceUid() != null) {
                item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, r.sopInstanceUid());
            }
            switch (r) {
                case StoreResult.Stored s -> {
                    studyUid = studyUid == null ? s.studyInstanceUid() : studyUid;
                    item.setString(Tag.RetrieveURL, VR.UR, DicomWebUrls.instance(base, s.studyInstanceUid(),
                            s.seriesInstanceUid(), s.sopInstanceUid()));
                    stored.add(item);
                }
                case StoreResult.Duplicate d -> {
                    studyUid = studyUid == null ? d.studyInstanceUid() : studyUid;
                    item.setString(Tag.RetrieveURL, VR.UR, DicomWebUrls.instance(base, d.studyInstanceUid(),
                            d.seriesInstanceUid(), d.sopInstanceUid()));
                    stored.add(item);
                }
                case StoreResult.Rejected rej -> {
                    item.setInt(Tag.FailureReason, VR.US, rej.status());
                    failed.add(item);
                    warnings.add(rej.reason());
                }
                case StoreResult.Failed f -> {
                    item.setInt(Tag.FailureReason, VR.US, f.status());
                    failed.add(item);
                    warnings.add(f.reason());
                    serverFault = true;
                }
            }
        }
        if (studyUid != null) {
            answer.setString(Tag.RetrieveURL, VR.UR, DicomWebUrls.study(base, studyUid));
        }
        if (failed.isEmpty()) {
            answer.remove(Tag.FailedSOPSequence);
        }
        if (stored.isEmpty()) {
            answer.remove(Tag.ReferencedSOPSequence);
        }
        HttpStatus status = failed.isEmpty() ? HttpStatus.OK
                : !stored.isEmpty() ? HttpStatus.ACCEPTED
                : serverFault ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.CONFLICT;
        response.setStatus(status.value());
        // PS3.18 8.4.2: the reasons as Warning headers, readable without parsing the body; each distinct reason once
        // (parts refused for the same reason share it), within what a response header may hold.
        warnings.stream().distinct().limit(20)
                .forEach(w -> response.addHeader("Warning", DicomWebProblems.warning(w)));
        response.setContentType("application/dicom+json");
        try (OutputStream out = response.getOutputStream(); JsonGenerator json = DicomJson.generator(out)) {
            new JSONWriter(json).write(answer);
        }
    }

    private static String unquote(String s) {
        return s.length() > 1 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
