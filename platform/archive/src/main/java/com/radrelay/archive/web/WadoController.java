package com.radrelay.archive.web;

import com.radrelay.archive.FrameNotFoundException;
import com.radrelay.archive.ReadAhead;
import com.radrelay.archive.StoredInstance;
import com.radrelay.archive.StudyArchive;
import com.radrelay.audit.ReadAudit;
import com.radrelay.dicom.DicomJson;
import com.radrelay.dicom.web.DicomWebController;
import com.radrelay.dicom.web.DicomWebMediaTypes;
import com.radrelay.dicom.web.DicomWebProblems;
import com.radrelay.dicom.web.DicomWebUrls;
import com.radrelay.dicom.web.MultipartWriter;
import com.radrelay.dicom.web.ResponseWrites;
import com.radrelay.security.ApiClient;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.SeriesUid;
import com.radrelay.workflow.SopInstanceUid;
import com.radrelay.workflow.StudyUid;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.BulkData;
import org.dcm4che3.data.VR;
import org.dcm4che3.json.JSONWriter;
import org.dcm4che3.util.TagUtils;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * WADO-RS (PS3.18 10.4): studies, series and instances as stored (multipart/related application/dicom), their
 * metadata as DICOM JSON, frames and pixel data as bulk data. Objects stream from storage to the client; each read
 * is audited ({@link ReadAudit}).
 */
@DicomWebController
class WadoController {

    private static final int METADATA_PAGE = 200;

    private final StudyArchive archive;
    private final ReadAudit audit;

    WadoController(StudyArchive archive, ReadAudit audit) {
        this.archive = archive;
        this.audit = audit;
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}")
    void study(@AuthenticationPrincipal ApiClient client, @PathVariable String study, HttpServletRequest rq,
            HttpServletResponse rsp) throws IOException {
        instances(client, study, archive.instances(client.clinic(), new StudyUid(study), null, null), rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}")
    void series(@AuthenticationPrincipal ApiClient client, @PathVariable String study, @PathVariable String series,
            HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        instances(client, study, archive.instances(client.clinic(), new StudyUid(study), new SeriesUid(series), null),
                rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}/instances/{sop}")
    void instance(@AuthenticationPrincipal ApiClient client, @PathVariable String study, @PathVariable String series,
            @PathVariable String sop, HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        instances(client, study, archive.instances(client.clinic(), new StudyUid(study), new SeriesUid(series),
                new SopInstanceUid(sop)), rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/metadata")
    void studyMetadata(@AuthenticationPrincipal ApiClient client, @PathVariable String clinic,
            @PathVariable String study, HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        metadata(client, clinic, study, archive.instances(client.clinic(), new StudyUid(study), null, null), rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}/metadata")
    void seriesMetadata(@AuthenticationPrincipal ApiClient client, @PathVariable String clinic,
            @PathVariable String study, @PathVariable String series, HttpServletRequest rq, HttpServletResponse rsp)
            throws IOException {
        metadata(client, clinic, study, archive.instances(client.clinic(), new StudyUid(study),
                new SeriesUid(series), null), rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}/instances/{sop}/metadata")
    void instanceMetadata(@AuthenticationPrincipal ApiClient client, @PathVariable String clinic,
            @PathVariable String study, @PathVariable String series, @PathVariable String sop, HttpServletRequest rq,
            HttpServletResponse rsp) throws IOException {
        metadata(client, clinic, study, archive.instances(client.clinic(), new StudyUid(study),
                new SeriesUid(series), new SopInstanceUid(sop)), rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}/instances/{sop}/frames/{frames}")
    void frames(@AuthenticationPrincipal ApiClient client, @PathVariable String study, @PathVariable String series,
            @PathVariable String sop, @PathVariable String frames, HttpServletRequest rq, HttpServletResponse rsp)
            throws IOException {
        Optional<StudyArchive.Described> found = describe(client.clinic(), study, series, sop);
        if (found.isEmpty()) {
            DicomWebProblems.send(rsp, 404, "no such instance");
            return;
        }
        StoredInstance instance = found.get().instance();
        List<Integer> numbers = new ArrayList<>();
        try {
            for (String f : frames.split(",")) {
                numbers.add(Integer.parseInt(f.strip()));
            }
        } catch (NumberFormatException e) {
            DicomWebProblems.send(rsp, 400, "frame numbers are a comma-separated list of integers: " + frames);
            return;
        }
        DicomWebMediaTypes.Accepted as = DicomWebMediaTypes.forPixels(DicomWebMediaTypes.accepted(rq),
                instance.transferSyntax());
        if (as == null) {
            DicomWebProblems.send(rsp, 406, "frames are stored as " + instance.transferSyntax()
                    + " and cannot be sent as asked; accept that transfer syntax or transfer-syntax=*");
            return;
        }
        for (int n : numbers) {
            if (n < 1 || n > instance.numberOfFrames()) {
                DicomWebProblems.send(rsp, 404, "instance has " + instance.numberOfFrames() + " frame(s)");
                return;
            }
        }
        Attributes metadata = found.get().metadata();
        audit.transferred(client.clinic(), client.getName(), "WADO-RS", study, 1);
        try {
            send(rsp, as, numbers.size(), i -> archive.frame(instance, metadata, numbers.get(i)));
        } catch (FrameNotFoundException e) {
            if (!rsp.isCommitted()) {
                DicomWebProblems.send(rsp, 404, String.valueOf(e.getMessage()));
            }
        }
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}/instances/{sop}/bulkdata/{tag}")
    void bulkdata(@AuthenticationPrincipal ApiClient client, @PathVariable String study, @PathVariable String series,
            @PathVariable String sop, @PathVariable String tag, HttpServletRequest rq, HttpServletResponse rsp)
            throws IOException {
        Optional<StudyArchive.Described> found = describe(client.clinic(), study, series, sop);
        Integer pixelTag = found.map(d -> d.instance().pixelTag()).orElse(null);
        if (found.isEmpty() || pixelTag == null || !tag.equalsIgnoreCase(TagUtils.toHexString(pixelTag))) {
            DicomWebProblems.send(rsp, 404, "no such bulk data");
            return;
        }
        StoredInstance instance = found.get().instance();
        DicomWebMediaTypes.Accepted as = DicomWebMediaTypes.forPixels(DicomWebMediaTypes.accepted(rq),
                instance.transferSyntax());
        if (as == null) {
            DicomWebProblems.send(rsp, 406, "pixel data is stored as " + instance.transferSyntax());
            return;
        }
        audit.transferred(client.clinic(), client.getName(), "WADO-RS", study, 1);
        send(rsp, as, 1, i -> archive.pixelData(instance, found.get().metadata()));
    }

    private Optional<StudyArchive.Described> describe(TenantId tenant, String study, String series, String sop) {
        return archive.describe(tenant, new StudyUid(study), new SeriesUid(series), new SopInstanceUid(sop));
    }

    private interface Content {
        InputStream open(int index) throws IOException;
    }

    private static void send(HttpServletResponse rsp, DicomWebMediaTypes.Accepted as, int parts, Content content)
            throws IOException {
        if (!as.multipart() && parts == 1) {
            rsp.setContentType(DicomWebMediaTypes.partType(as));
            try (InputStream in = content.open(0); OutputStream out = rsp.getOutputStream()) {
                ResponseWrites.copy(in, out);
            }
            return;
        }
        MultipartWriter writer = new MultipartWriter(rsp.getOutputStream());
        rsp.setContentType(writer.contentType(as.type()));
        for (int i = 0; i < parts; i++) {
            writer.part(DicomWebMediaTypes.partType(as), -1, content.open(i));
        }
        writer.close();
    }

    private void instances(ApiClient client, String study, List<StoredInstance> found, HttpServletRequest rq,
            HttpServletResponse rsp) throws IOException {
        if (found.isEmpty()) {
            DicomWebProblems.send(rsp, 404, "nothing stored under this study, series or instance");
            return;
        }
        List<DicomWebMediaTypes.Accepted> accepted = DicomWebMediaTypes.accepted(rq);
        List<String> sendAs = encodings(found, accepted);
        for (int i = 0; i < found.size(); i++) {
            if (sendAs.get(i) == null) {
                DicomWebProblems.send(rsp, 406, "instance " + found.get(i).sop() + " is " + archive.notRetrievable(
                        found.get(i), DicomWebMediaTypes.namedForInstances(accepted))
                        + "; accept it or use transfer-syntax=*");
                return;
            }
        }
        audit.transferred(client.clinic(), client.getName(), "WADO-RS", study, found.size());
        DicomWebMediaTypes.Accepted first = DicomWebMediaTypes.forInstance(accepted, found.getFirst().transferSyntax());
        boolean multipart = first == null || first.multipart() || found.size() > 1;
        if (!multipart && sendAs.getFirst().equals(found.getFirst().transferSyntax())) {
            rsp.setContentType("application/dicom");
            rsp.setContentLengthLong(found.getFirst().size());
            try (InputStream in = archive.open(found.getFirst()); OutputStream out = rsp.getOutputStream()) {
                ResponseWrites.copy(in, out);
            }
            return;
        }
        MultipartWriter writer = new MultipartWriter(rsp.getOutputStream());
        rsp.setContentType(writer.contentType("application/dicom"));
        try (ReadAhead objects = archive.openInOrder(found)) {
            for (int i = 0; i < found.size(); i++) {
                StoredInstance instance = found.get(i);
                String ts = sendAs.get(i);
                if (ts.equals(instance.transferSyntax())) {
                    writer.part("application/dicom; transfer-syntax=" + ts, instance.size(), objects.open(instance));
                } else {
                    InputStream stored = objects.open(instance);
                    writer.part("application/dicom; transfer-syntax=" + ts, out -> {
                        try (stored) {
                            archive.transcode(instance, stored, ts, out, true);
                        }
                    });
                }
            }
        }
        writer.close();
    }

    /**
     * The transfer syntax each instance goes out in: as stored when the request allows it, else one it names that
     * the stored encoding can be decoded to; null where there is none.
     */
    private List<String> encodings(List<StoredInstance> found, List<DicomWebMediaTypes.Accepted> accepted) {
        List<String> named = DicomWebMediaTypes.namedForInstances(accepted);
        List<String> sendAs = new ArrayList<>(found.size());
        List<Integer> toDecide = new ArrayList<>();
        for (StoredInstance i : found) {
            boolean asStored = DicomWebMediaTypes.forInstance(accepted, i.transferSyntax()) != null;
            if (!asStored && !named.isEmpty()) {
                toDecide.add(sendAs.size());
            }
            sendAs.add(asStored ? i.transferSyntax() : null);
        }
        if (!toDecide.isEmpty()) {
            List<Attributes> metadata = archive.metadata(toDecide.stream().map(found::get).toList());
            for (int k = 0; k < toDecide.size(); k++) {
                StoredInstance i = found.get(toDecide.get(k));
                sendAs.set(toDecide.get(k), archive.retrievableAs(i, metadata.get(k), named).orElse(null));
            }
        }
        return sendAs;
    }

    private void metadata(ApiClient client, String clinic, String study, List<StoredInstance> found,
            HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        if (found.isEmpty()) {
            DicomWebProblems.send(rsp, 404, "nothing stored under this study, series or instance");
            return;
        }
        if (!DicomWebMediaTypes.acceptsJson(rq)) {
            DicomWebProblems.send(rsp, 406, "metadata is available as application/dicom+json");
            return;
        }
        audit.accessed(client.clinic(), client.getName(), "WADO-RS", study, found.size());
        String base = DicomWebUrls.base(rq, clinic);
        rsp.setContentType("application/dicom+json");
        try (OutputStream out = rsp.getOutputStream(); JsonGenerator json = DicomJson.generator(out)) {
            JSONWriter writer = new JSONWriter(json);
            json.writeStartArray();
            for (int from = 0; from < found.size(); from += METADATA_PAGE) {
                List<StoredInstance> page = found.subList(from, Math.min(found.size(), from + METADATA_PAGE));
                List<Attributes> metadata = archive.metadata(page);
                for (int k = 0; k < page.size(); k++) {
                    writer.write(withBulkDataUri(metadata.get(k), page.get(k), base));
                }
            }
            json.writeEnd();
        }
    }

    private static Attributes withBulkDataUri(Attributes metadata, StoredInstance i, String base) {
        Integer tag = i.pixelTag();
        String vr = i.pixelVr();
        if (tag != null && vr != null) {
            String uri = DicomWebUrls.instance(base, i.study().value(), i.series().value(), i.sop().value())
                    + "/bulkdata/" + TagUtils.toHexString(tag);
            metadata.setValue(tag, VR.valueOf(vr), new BulkData(null, uri, false));
        }
        return metadata;
    }
}
