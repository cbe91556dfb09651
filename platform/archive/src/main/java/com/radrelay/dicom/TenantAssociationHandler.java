package com.radrelay.dicom;

import com.radrelay.audit.DeniedAccess;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import org.dcm4che3.net.Association;
import org.dcm4che3.net.AssociationHandler;
import org.dcm4che3.net.pdu.AAssociateAC;
import org.dcm4che3.net.pdu.AAssociateRJ;
import org.dcm4che3.net.pdu.AAssociateRQ;

/**
 * Accepts an association only if the called AE title belongs to a clinic and the calling AE title is one of
 * that clinic's peers, calling from its registered address, range or host and over TLS with its registered
 * certificate (whichever of the two it was registered with), and the clinic is not suspended. Otherwise it answers
 * A-ASSOCIATE-RJ with the reason PS3.8 defines for the case, and audits the refusal.
 */
class TenantAssociationHandler extends AssociationHandler {

    private final DicomNetwork network;
    private final DeniedAccess denied;
    private final TenantDirectory clinics;

    TenantAssociationHandler(DicomNetwork network, DeniedAccess denied, TenantDirectory clinics) {
        this.network = network;
        this.denied = denied;
        this.clinics = clinics;
    }

    @Override
    protected AAssociateAC negotiate(Association as, AAssociateRQ rq) throws IOException {
        String called = rq.getCalledAET();
        String calling = rq.getCallingAET();
        InetAddress from = as.getSocket().getInetAddress();
        Optional<TenantId> clinic = network.clinicOf(called);
        if (clinic.isEmpty()) {
            throw refuse(null, calling, called, from, AAssociateRJ.REASON_CALLED_AET_NOT_RECOGNIZED,
                    "called AE title not recognized");
        }
        if (!clinics.byId(clinic.get()).map(Tenant::active).orElse(false)) {
            // Transient: the clinic may be reactivated; the reason is the audit's, not the caller's.
            denied.denied(clinic.get(), "dicom:" + calling, "DICOM_ASSOCIATION", "ae-title", called,
                    "clinic suspended", from.getHostAddress());
            throw new AAssociateRJ(AAssociateRJ.RESULT_REJECTED_TRANSIENT, AAssociateRJ.SOURCE_SERVICE_USER,
                    AAssociateRJ.REASON_NO_REASON_GIVEN);
        }
        Optional<Peer> peer = network.peer(clinic.get(), calling);
        if (peer.isEmpty()) {
            throw refuse(clinic.get(), calling, called, from, AAssociateRJ.REASON_CALLING_AET_NOT_RECOGNIZED,
                    "calling AE title not registered");
        }
        String host = peer.get().host();
        String pinned = peer.get().certificateSha256();
        if (host == null && pinned == null) {
            // Registered before every device needed an address: accepted from nowhere until one is given.
            throw refuse(clinic.get(), calling, called, from, AAssociateRJ.REASON_CALLING_AET_NOT_RECOGNIZED,
                    "calling AE title registered without an address");
        }
        if (host != null && !PeerAddresses.covers(host, from)) {
            throw refuse(clinic.get(), calling, called, from, AAssociateRJ.REASON_CALLING_AET_NOT_RECOGNIZED,
                    "calling AE title registered for another address");
        }
        if (pinned != null) {
            Optional<String> presented = PeerCertificates.presented(as.getSocket());
            if (presented.isEmpty()) {
                throw refuse(clinic.get(), calling, called, from, AAssociateRJ.REASON_CALLING_AET_NOT_RECOGNIZED,
                        "calling AE title must call over TLS with its certificate");
            }
            if (!presented.get().equals(pinned)) {
                throw refuse(clinic.get(), calling, called, from, AAssociateRJ.REASON_CALLING_AET_NOT_RECOGNIZED,
                        "calling AE title registered for another certificate");
            }
        }
        as.setProperty(DicomAssociations.TENANT, clinic.get());
        return super.negotiate(as, rq);
    }

    private AAssociateRJ refuse(TenantId clinic, String calling, String called, InetAddress from, int reason,
            String why) {
        denied.denied(clinic, "dicom:" + calling, "DICOM_ASSOCIATION", "ae-title", called, why,
                from.getHostAddress());
        return new AAssociateRJ(AAssociateRJ.RESULT_REJECTED_PERMANENT, AAssociateRJ.SOURCE_SERVICE_USER, reason);
    }
}
