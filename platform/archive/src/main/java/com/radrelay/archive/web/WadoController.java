package com.radrelay.archive.web;

import com.radrelay.archive.index.ArchiveIndex;
import com.radrelay.archive.index.IndexedInstance;
import com.radrelay.archive.retrieve.FrameNotFoundException;
import com.radrelay.archive.retrieve.InstanceReader;
import com.radrelay.archive.retrieve.ReadAhead;
import com.radrelay.dicom.DicomJson;
import com.radrelay.tenancy.TenantJdbcTransactions;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.BulkData;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.VR;
import org.dcm4che3.json.JSONWriter;
import org.dcm4che3.util.TagUtils;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * WADO-RS (PS3.18 10.4): studies, series and instances as stored (multipart/related application/dicom), their
 * metadata as DICOM JSON, frames and pixel data as bulk data. Objects stream from storage to the client.
 */
@RestController
class WadoController {

    private final InstanceReader reader;
    private final ArchiveIndex index;
    private final TenantJdbcTransactions tx;

    WadoController(InstanceReader reader, ArchiveIndex index, TenantJdbcTransactions tx) {
        this.reader = reader;
        this.index = index;
        this.tx = tx;
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}")
    void study(@PathVariable String clinic, @PathVariable String study, HttpServletRequest rq, HttpServletResponse rsp)
            throws IOException {
        instances(reader.locate(study, null, null), rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}")
    void series(@PathVariable String clinic, @PathVariable String study, @PathVariable String series,
            HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        instances(reader.locate(study, series, null), rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}/instances/{sop}")
    void instance(@PathVariable String clinic, @PathVariable String study, @PathVariable String series,
            @PathVariable String sop, HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        instances(reader.locate(study, series, sop), rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/metadata")
    void studyMetadata(@PathVariable String clinic, @PathVariable String study, HttpServletRequest rq,
            HttpServletResponse rsp) throws IOException {
        metadata(clinic, reader.locate(study, null, null), rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}/metadata")
    void seriesMetadata(@PathVariable String clinic, @PathVariable String study, @PathVariable String series,
            HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        metadata(clinic, reader.locate(study, series, null), rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}/instances/{sop}/metadata")
    void instanceMetadata(@PathVariable String clinic, @PathVariable String study, @PathVariable String series,
            @PathVariable String sop, HttpServletRequest rq, HttpServletResponse rsp) throws IOException {
        metadata(clinic, reader.locate(study, series, sop), rq, rsp);
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}/instances/{sop}/frames/{frames}")
    void frames(@PathVariable String clinic, @PathVariable String study, @PathVariable String series,
            @PathVariable String sop, @PathVariable String frames, HttpServletRequest rq, HttpServletResponse rsp)
            throws IOException {
        Located located = locateWithMetadata(study, series, sop);
        if (located == null) {
            DicomWebResponses.problem(rsp, 404, "no such instance");
            return;
        }
        IndexedInstance instance = located.instance();
        List<Integer> numbers = new ArrayList<>();
        try {
            for (String f : frames.split(",")) {
                numbers.add(Integer.parseInt(f.strip()));
            }
        } catch (NumberFormatException e) {
            DicomWebResponses.problem(rsp, 400, "frame numbers are a comma-separated list of integers: " + frames);
            return;
        }
        MediaTypes.Accepted as = MediaTypes.forPixels(MediaTypes.accepted(rq), instance.transferSyntax());
        if (as == null) {
            DicomWebResponses.problem(rsp, 406, "frames are stored as " + instance.transferSyntax()
                    + " and RadRelay does not transcode; accept that transfer syntax or transfer-syntax=*");
            return;
        }
        Attributes metadata = located.metadata();
        for (int n : numbers) {
            if (n < 1 || n > instance.numberOfFrames()) {
                DicomWebResponses.problem(rsp, 404, "instance has " + instance.numberOfFrames() + " frame(s)");
                return;
            }
        }
        try {
            send(rsp, as, numbers.size(), i -> reader.frame(instance, metadata, numbers.get(i)));
        } catch (FrameNotFoundException e) {
            if (!rsp.isCommitted()) {
                DicomWebResponses.problem(rsp, 404, e.getMessage());
            }
        }
    }

    @GetMapping("/dicomweb/{clinic}/studies/{study}/series/{series}/instances/{sop}/bulkdata/{tag}")
    void bulkdata(@PathVariable String clinic, @PathVariable String study, @PathVariable String series,
            @PathVariable String sop, @PathVariable String tag, HttpServletRequest rq, HttpServletResponse rsp)
            throws IOException {
        Located located = locateWithMetadata(study, series, sop);
        if (located == null || located.instance().pixelTag() == null
                || !tag.equalsIgnoreCase(TagUtils.toHexString(located.instance().pixelTag()))) {
            DicomWebResponses.problem(rsp, 404, "no such bulk data");
            return;
        }
        IndexedInstance instance = located.instance();
        MediaTypes.Accepted as = MediaTypes.forPixels(MediaTypes.accepted(rq), instance.transferSyntax());
        if (as == null) {
            DicomWebResponses.problem(rsp, 406, "pixel data is stored as " + instance.transferSyntax());
            return;
        }
        send(rsp, as, 1, i -> reader.pixelData(instance, located.metadata()));
    }

    private record Located(IndexedInstance instance, Attributes metadata) {
    }

    /** An instance and its stored data set in one transaction: viewers ask for frames one request each. */
    private @Nullable Located locateWithMetadata(String study, String series, String sop) {
        return tx.execute(() -> {
            List<IndexedInstance> found = index.instances(study, series, sop);
            return found.isEmpty() ? null : new Located(found.getFirst(), index.metadata(found.getFirst().pk()));
        });
    }

    private interface Content {
        InputStream open(int index) throws IOException;
    }

    private static void send(HttpServletResponse rsp, MediaTypes.Accepted as, int parts, Content content)
            throws IOException {
        if (!as.multipart() && parts == 1) {
            rsp.setContentType(MediaTypes.partType(as));
            try (InputStream in = content.open(0); OutputStream out = rsp.getOutputStream()) {
                ResponseWrites.copy(in, out);
            }
            return;
        }
        OutputStream out = rsp.getOutputStream();
        MultipartWriter writer = new MultipartWriter(out);
        rsp.setContentType(writer.contentType(as.type()));
        for (int i = 0; i < parts; i++) {
            writer.part(MediaTypes.partType(as), -1, content.open(i));
        }
        writer.close();
    }

    private void instances(List<IndexedInstance> found, HttpServletRequest rq, HttpServletResponse rsp)
            throws IOException {
        if (found.isEmpty()) {
            DicomWebResponses.problem(rsp, 404, "nothing stored under this study, series or instance");
            return;
        }
        List<MediaTypes.Accepted> accepted = MediaTypes.accepted(rq);
        for (IndexedInstance i : found) {
            if (MediaTypes.forInstance(accepted, i.transferSyntax()) == null) {
                DicomWebResponses.problem(rsp, 406, "instance " + i.sopUid() + " is stored as " + i.transferSyntax()
                        + " and RadRelay does not transcode; accept it or use transfer-syntax=*");
                return;
            }
        }
        MediaTypes.Accepted first = MediaTypes.forInstance(accepted, found.getFirst().transferSyntax());
        if (!first.multipart() && found.size() == 1) {
            rsp.setContentType("application/dicom");
            rsp.setContentLengthLong(found.getFirst().objectSize());
            try (InputStream in = reader.open(found.getFirst()); OutputStream out = rsp.getOutputStream()) {
                ResponseWrites.copy(in, out);
            }
            return;
        }
        MultipartWriter writer = new MultipartWriter(rsp.getOutputStream());
        rsp.setContentType(writer.contentType("application/dicom"));
        try (ReadAhead objects = reader.readAhead(found)) {
            for (IndexedInstance i : found) {
                writer.part("application/dicom; transfer-syntax=" + i.transferSyntax(), i.objectSize(), objects.open(i));
            }
        }
        writer.close();
    }

    private void metadata(String clinic, List<IndexedInstance> found, HttpServletRequest rq, HttpServletResponse rsp)
            throws IOException {
        if (found.isEmpty()) {
            DicomWebResponses.problem(rsp, 404, "nothing stored under this study, series or instance");
            return;
        }
        if (!DicomWebResponses.acceptsJson(rq)) {
            DicomWebResponses.problem(rsp, 406, "metadata is available as application/dicom+json");
            return;
        }
        String base = DicomWebResponses.base(rq, clinic);
        rsp.setContentType("application/dicom+json");
        try (OutputStream out = rsp.getOutputStream(); JsonGenerator json = DicomJson.generator(out)) {
            JSONWriter writer = new JSONWriter(json);
            json.writeStartArray();
            for (int from = 0; from < found.size(); from += 200) {
                List<IndexedInstance> page = found.subList(from, Math.min(found.size(), from + 200));
                List<Attributes> metadata = tx.execute(() -> page.stream().map(i -> index.metadata(i.pk())).toList());
                for (int k = 0; k < page.size(); k++) {
                    writer.write(withBulkDataUri(metadata.get(k), page.get(k), base));
                }
            }
            json.writeEnd();
        }
    }

    private static Attributes withBulkDataUri(Attributes metadata, IndexedInstance i, String base) {
        Integer tag = i.pixelTag();
        if (tag != null) {
            String uri = base + "/studies/" + i.studyUid() + "/series/" + i.seriesUid() + "/instances/" + i.sopUid()
                    + "/bulkdata/" + TagUtils.toHexString(tag);
            metadata.setValue(tag, VR.valueOf(i.pixelVr()), new BulkData(null, uri, false));
        }
        return metadata;
    }
}
