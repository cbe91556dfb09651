package com.radrelay.archive.dimse;

import com.radrelay.dicom.DicomAssociations;
import com.radrelay.dicom.DicomNetwork;
import com.radrelay.dicom.DicomService;
import com.radrelay.dicom.Peer;
import com.radrelay.tenancy.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.net.Association;
import org.dcm4che3.net.Connection;
import org.dcm4che3.net.Dimse;
import org.dcm4che3.net.Status;
import org.dcm4che3.net.TransferCapability;
import org.dcm4che3.net.pdu.AAssociateRQ;
import org.dcm4che3.net.pdu.PresentationContext;
import org.dcm4che3.net.service.BasicCMoveSCP;
import org.dcm4che3.net.service.DicomServiceException;
import org.dcm4che3.net.service.RetrieveTask;
import org.springframework.stereotype.Component;

/**
 * C-MOVE SCP, Study Root model: sends the instances to a destination registered as a peer of the same clinic
 * (AE title, host and port); any other destination is refused as unknown.
 */
@Component
class CMoveScp implements DicomService {

    private final Retrieval retrieval;
    private final DicomNetwork network;

    CMoveScp(Retrieval retrieval, DicomNetwork network) {
        this.retrieval = retrieval;
        this.network = network;
    }

    @Override
    public org.dcm4che3.net.service.DicomService handler() {
        return new BasicCMoveSCP(UID.StudyRootQueryRetrieveInformationModelMove) {
            @Override
            protected RetrieveTask calculateMatches(Association as, PresentationContext pc, Attributes rq,
                    Attributes keys) throws DicomServiceException {
                TenantId tenant = DicomAssociations.tenantOf(as);
                String destination = rq.getString(Tag.MoveDestination);
                Optional<Peer> peer = network.peer(tenant, destination).filter(Peer::moveDestination);
                if (peer.isEmpty()) {
                    throw new DicomServiceException(Status.MoveDestinationUnknown,
                            "move destination " + destination + " is not a registered peer with host and port");
                }
                List<Retrieval.Located> found = retrieval.locate(tenant, keys);
                if (found.isEmpty()) {
                    return null;
                }
                try {
                    Association store = open(as, peer.get(), found);
                    return retrieval.task(Dimse.C_MOVE_RQ, as, pc, rq, found, store);
                } catch (Exception e) {
                    throw new DicomServiceException(Status.UnableToPerformSubOperations,
                            "cannot reach " + destination + ": " + e.getMessage());
                }
            }
        };
    }

    /** Opens the sub-association, calling as the clinic's AE title, proposing each SOP class as stored. */
    private static Association open(Association as, Peer peer, List<Retrieval.Located> instances) throws Exception {
        AAssociateRQ rq = new AAssociateRQ();
        rq.setCallingAET(as.getCalledAET());
        rq.setCalledAET(peer.aeTitle());
        Map<String, Set<String>> contexts = new LinkedHashMap<>();
        for (Retrieval.Located i : instances) {
            Set<String> ts = contexts.computeIfAbsent(i.cuid, k -> new java.util.LinkedHashSet<>());
            // As stored first; the uncompressed ones for a destination that takes nothing else.
            ts.add(i.tsuid);
            ts.add(UID.ExplicitVRLittleEndian);
            ts.add(UID.ImplicitVRLittleEndian);
        }
        int id = 1;
        for (Map.Entry<String, Set<String>> c : contexts.entrySet()) {
            for (String ts : c.getValue()) {
                // One context per transfer syntax: the destination may accept some and refuse others.
                rq.addPresentationContext(new PresentationContext(id, c.getKey(), ts));
                id += 2;
            }
        }
        Connection remote = new Connection("move-destination", peer.host(), peer.port());
        Connection local = as.getConnection();
        return as.getApplicationEntity().connect(local, remote, rq);
    }

    @Override
    public List<TransferCapability> transferCapabilities() {
        return List.of(new TransferCapability(null, UID.StudyRootQueryRetrieveInformationModelMove,
                TransferCapability.Role.SCP, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
    }
}
