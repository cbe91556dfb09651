package com.radrelay.gateway;

import java.io.IOException;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.io.DicomOutputStream;
import org.dcm4che3.net.Association;
import org.dcm4che3.net.PDVInputStream;
import org.dcm4che3.net.Status;
import org.dcm4che3.net.pdu.PresentationContext;
import org.dcm4che3.net.service.BasicCStoreSCP;
import org.dcm4che3.net.service.DicomServiceException;

/**
 * C-STORE from the clinic's modalities: each instance is written to the queue exactly as received (its transfer
 * syntax kept) and acknowledged only once it is on disk; a full or failing disk answers "out of resources", so the
 * modality keeps the instance and tries again.
 */
final class CStoreReceiver extends BasicCStoreSCP {

    private final DurableQueue queue;

    CStoreReceiver(DurableQueue queue) {
        super("*");
        this.queue = queue;
    }

    @Override
    protected void store(Association as, PresentationContext pc, Attributes rq, PDVInputStream data, Attributes rsp)
            throws IOException {
        String iuid = rq.getString(Tag.AffectedSOPInstanceUID);
        Attributes fmi = as.createFileMetaInformation(iuid, rq.getString(Tag.AffectedSOPClassUID),
                pc.getTransferSyntax());
        try {
            queue.accept(iuid, out -> {
                DicomOutputStream dicom = new DicomOutputStream(out, UID.ExplicitVRLittleEndian);
                dicom.writeFileMetaInformation(fmi);
                data.copyTo(dicom);
                dicom.flush();
            });
        } catch (IOException | IllegalArgumentException e) {
            throw new DicomServiceException(Status.OutOfResources, e);
        }
    }
}
