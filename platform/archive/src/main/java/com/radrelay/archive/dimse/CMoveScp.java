package com.radrelay.archive.dimse;

import com.radrelay.dicom.DicomAssociations;
import com.radrelay.dicom.DicomNetwork;
import com.radrelay.dicom.DicomService;
import com.radrelay.dicom.Peer;
import com.radrelay.tenancy.TenantId;
import java.net.InetSocketAddress;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * C-MOVE SCP, Study Root model: sends the instances to a destination registered as a peer of the same clinic
 * (AE title, host and port); any other destination is refused as unknown.
 */
@Component
class CMoveScp implements DicomService {

    private static final Logger log = LoggerFactory.getLogger(CMoveScp.class);

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
                Optional<InetSocketAddress> target = network.moveTarget(peer.get());
                if (target.isEmpty()) {
                    log.warn("C-MOVE of tenant {} to {}: host {} does not resolve or may not receive images", tenant,
                            destination, peer.get().host());
                    throw new DicomServiceException(Status.MoveDestinationUnknown,
                            "move destination " + destination + " cannot receive images");
                }
                List<Retrieval.Located> found = retrieval.locate(tenant, keys);
                if (found.isEmpty()) {
                    return null;
                }
                try {
                    Association store = open(as, peer.get().aeTitle(), target.get(), found);
                    return retrieval.task(Dimse.C_MOVE_RQ, as, pc, rq, found, store);
                } catch (Exception e) {
                    // The reason stays in the log: its text would tell a caller what answers at that address.
                    log.warn("C-MOVE of tenant {} to {} at {}: {}", tenant, destination, target.get(), e.toString());
                    throw new DicomServiceException(Status.UnableToPerformSubOperations,
                            "cannot reach move destination " + destination);
                }
            }
        };
    }

    /** Opens the sub-association, calling as the clinic's AE title, proposing each SOP class as stored. */
    private static Association open(Association as, String aeTitle, InetSocketAddress target,
            List<Retrieval.Located> instances) throws Exception {
        AAssociateRQ rq = new AAssociateRQ();
        rq.setCallingAET(as.getCalledAET());
        rq.setCalledAET(aeTitle);
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
        // The address that was checked, not the name again.
        Connection remote = new Connection("move-destination", target.getAddress().getHostAddress(),
                target.getPort());
        Connection local = as.getConnection();
        return as.getApplicationEntity().connect(local, remote, rq);
    }

    @Override
    public List<TransferCapability> transferCapabilities() {
        return List.of(new TransferCapability(null, UID.StudyRootQueryRetrieveInformationModelMove,
                TransferCapability.Role.SCP, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
    }
}
