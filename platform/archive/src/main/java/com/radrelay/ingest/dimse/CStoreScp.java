package com.radrelay.ingest.dimse;

import com.radrelay.archive.StoreRequest;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StudyArchive;
import com.radrelay.dicom.DicomAssociations;
import com.radrelay.dicom.DicomService;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.VR;
import org.dcm4che3.net.Association;
import org.dcm4che3.net.PDVInputStream;
import org.dcm4che3.net.Status;
import org.dcm4che3.net.TransferCapability;
import org.dcm4che3.net.pdu.PresentationContext;
import org.dcm4che3.net.service.BasicCStoreSCP;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** C-STORE SCP for every storage SOP class: a thin door in front of the archive's one store path. */
@Component
class CStoreScp implements DicomService {

    private static final Logger log = LoggerFactory.getLogger(CStoreScp.class);

    private final StudyArchive archive;

    CStoreScp(StudyArchive archive) {
        this.archive = archive;
    }

    @Override
    public org.dcm4che3.net.service.DicomService handler() {
        return new BasicCStoreSCP("*") {
            @Override
            protected void store(Association as, PresentationContext pc, Attributes rq, PDVInputStream data,
                    Attributes rsp) {
                String source = "dicom:" + as.getCallingAET() + "@" + as.getSocket().getInetAddress().getHostAddress();
                StoreResult result = archive.store(new StoreRequest.Dimse(DicomAssociations.tenantOf(as), data, source,
                        as.getCallingAET(), pc.getTransferSyntax(), rq.getString(Tag.AffectedSOPClassUID),
                        rq.getString(Tag.AffectedSOPInstanceUID)));
                switch (result) {
                    case StoreResult.Rejected r -> fail(rsp, r.status(), r.reason(), as);
                    case StoreResult.Failed f -> fail(rsp, Status.ProcessingFailure, f.reason(), as);
                    default -> { }
                }
            }
        };
    }

    private static void fail(Attributes rsp, int status, String reason, Association as) {
        log.info("{}: C-STORE refused with status {}: {}", as, Integer.toHexString(status), reason);
        rsp.setInt(Tag.Status, VR.US, status);
        // Error Comment is an LO: at most 64 characters.
        rsp.setString(Tag.ErrorComment, VR.LO, reason.length() > 64 ? reason.substring(0, 64) : reason);
    }

    @Override
    public List<TransferCapability> transferCapabilities() {
        // Any SOP class in any transfer syntax, private and retired ones included: an instance is refused only for
        // a reason of its own, and kept exactly as it came.
        return List.of(new TransferCapability(null, "*", TransferCapability.Role.SCP, "*"));
    }
}
