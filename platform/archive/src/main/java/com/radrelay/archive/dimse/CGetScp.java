package com.radrelay.archive.dimse;

import com.radrelay.dicom.DicomAssociations;
import com.radrelay.dicom.DicomService;
import com.radrelay.tenancy.TenantId;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.UID;
import org.dcm4che3.net.Association;
import org.dcm4che3.net.Dimse;
import org.dcm4che3.net.TransferCapability;
import org.dcm4che3.net.pdu.PresentationContext;
import org.dcm4che3.net.service.BasicCGetSCP;
import org.dcm4che3.net.service.DicomServiceException;
import org.dcm4che3.net.service.RetrieveTask;
import org.springframework.stereotype.Component;

/**
 * C-GET SCP, Study Root model: sends the instances back on the same association, over the storage presentation
 * contexts the caller proposed (as SCP role).
 */
@Component
class CGetScp implements DicomService {

    private final Retrieval retrieval;

    CGetScp(Retrieval retrieval) {
        this.retrieval = retrieval;
    }

    @Override
    public org.dcm4che3.net.service.DicomService handler() {
        return new BasicCGetSCP(UID.StudyRootQueryRetrieveInformationModelGet) {
            @Override
            protected RetrieveTask calculateMatches(Association as, PresentationContext pc, Attributes rq,
                    Attributes keys) throws DicomServiceException {
                TenantId tenant = DicomAssociations.tenantOf(as);
                List<Retrieval.Located> found = retrieval.locate(tenant, keys);
                return found.isEmpty() ? null : retrieval.task(Dimse.C_GET_RQ, as, pc, rq, found, as);
            }
        };
    }

    @Override
    public List<TransferCapability> transferCapabilities() {
        // The storage sub-operations need the caller's storage contexts with the SCU/SCP role selection.
        return List.of(new TransferCapability(null, UID.StudyRootQueryRetrieveInformationModelGet,
                        TransferCapability.Role.SCP, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian),
                new TransferCapability(null, "*", TransferCapability.Role.SCU, "*"));
    }
}
