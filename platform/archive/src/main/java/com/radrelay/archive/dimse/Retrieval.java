package com.radrelay.archive.dimse;

import com.radrelay.archive.ReadAhead;
import com.radrelay.archive.StoredInstance;
import com.radrelay.archive.StudyArchive;
import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.audit.ReadAudit;
import com.radrelay.tenancy.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.net.Association;
import org.dcm4che3.net.DataWriter;
import org.dcm4che3.net.Dimse;
import org.dcm4che3.net.InputStreamDataWriter;
import org.dcm4che3.net.Status;
import org.dcm4che3.net.pdu.PresentationContext;
import org.dcm4che3.net.service.BasicRetrieveTask;
import org.dcm4che3.net.service.DicomServiceException;
import org.dcm4che3.net.service.InstanceLocator;
import org.dcm4che3.net.service.QueryRetrieveLevel2;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What C-GET and C-MOVE share: finding the instances a retrieve identifier names, and sending them. */
@Component
class Retrieval {

    private static final Logger log = LoggerFactory.getLogger(Retrieval.class);

    private final StudyArchive archive;
    private final AuditLog audit;
    private final ReadAudit readAudit;

    Retrieval(StudyArchive archive, AuditLog audit, ReadAudit readAudit) {
        this.archive = archive;
        this.audit = audit;
        this.readAudit = readAudit;
    }

    /** The instances named by a retrieve identifier, in the tenant of the association. */
    List<Located> locate(TenantId tenant, Attributes keys) throws DicomServiceException {
        QueryRetrieveLevel2 level = QueryRetrieveLevel2.validateRetrieveIdentifier(keys,
                EnumSet.of(QueryRetrieveLevel2.STUDY, QueryRetrieveLevel2.SERIES, QueryRetrieveLevel2.IMAGE), false,
                true);
        Attributes matching = new Attributes();
        for (int tag : new int[] {Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPInstanceUID}) {
            if (keys.containsValue(tag)) {
                matching.setString(tag, keys.getVR(tag), keys.getStrings(tag));
            }
        }
        if (matching.isEmpty()) {
            throw new DicomServiceException(Status.IdentifierDoesNotMatchSOPClass, "retrieve names no UID at level "
                    + level);
        }
        List<Located> found = new ArrayList<>();
        for (StoredInstance i : archive.retrieveSet(tenant, matching)) {
            found.add(new Located(i));
        }
        return found;
    }

    /**
     * Sends each instance in its stored transfer syntax, or, when the peer does not accept that, decoded to an
     * uncompressed one it accepts (see {@link StudyArchive#retrievableAs}); an instance neither can be sent as fails
     * alone, with its reason logged and audited.
     */
    BasicRetrieveTask<Located> task(Dimse dimse, Association rq, PresentationContext pc, Attributes cmd,
            List<Located> instances, Association store) {
        return new BasicRetrieveTask<>(dimse, rq, pc, cmd, instances, store) {
            // Set while run() sends: the next instance's object is requested while this one goes to the peer.
            private @Nullable ReadAhead objects;

            @Override
            public void run() {
                // Audited as the transfer begins: per study, how many instances were asked for.
                String door = dimse == Dimse.C_GET_RQ ? "C-GET" : "C-MOVE";
                instances.stream().collect(Collectors.groupingBy(l -> l.instance.study().value(),
                        LinkedHashMap::new, Collectors.counting())).forEach((study, count) -> readAudit.transferred(
                                instances.getFirst().instance.tenant(), "dicom:" + rqas.getRemoteAET(), door, study,
                                count.intValue()));
                try (ReadAhead ahead = archive.openInOrder(instances.stream().map(l -> l.instance).toList())) {
                    objects = ahead;
                    super.run();
                } finally {
                    objects = null;
                }
            }

            /** As stored when the peer accepts it, else an uncompressed encoding the archive can decode to. */
            @Override
            protected String selectTransferSyntaxFor(Association storeas, Located inst) throws Exception {
                Set<String> accepted = storeas.getTransferSyntaxesFor(inst.cuid);
                if (accepted.contains(inst.tsuid)) {
                    return inst.tsuid;
                }
                Attributes metadata = archive.metadata(List.of(inst.instance)).getFirst();
                Optional<String> ts = archive.retrievableAs(inst.instance, metadata, accepted);
                if (ts.isEmpty()) {
                    String reason = archive.notRetrievable(inst.instance, accepted);
                    log.warn("{}: not sending {}: {}", rqas, inst.iuid, reason);
                    audit.record(new AuditEvent(inst.instance.tenant(), "dicom:" + rqas.getRemoteAET(),
                            "RETRIEVE_SUBOPERATION_FAILED", "instance", inst.iuid, AuditEvent.Outcome.FAILURE, reason));
                    throw new DicomServiceException(Status.UnableToPerformSubOperations, reason);
                }
                return ts.get();
            }

            @Override
            protected DataWriter createDataWriter(Located inst, String tsuid) throws Exception {
                InputStream object = Objects.requireNonNull(objects, "sending outside run()").open(inst.instance);
                if (tsuid.equals(inst.tsuid)) {
                    // The data set bytes exactly as stored (a DicomInputStream would inflate deflated ones).
                    try {
                        skipFileMetaInformation(object);
                    } catch (IOException e) {
                        object.close();
                        throw e;
                    }
                    return new InputStreamDataWriter(object);
                }
                return (out, ts) -> {
                    try (object) {
                        archive.transcode(inst.instance, object, ts, out, false);
                    }
                };
            }
        };
    }

    /** Preamble, "DICM", then the File Meta Information Group Length (UL) tells how much meta follows. */
    private static void skipFileMetaInformation(InputStream in) throws IOException {
        byte[] head = in.readNBytes(128 + 4 + 12);
        if (head.length < 144 || head[128] != 'D' || head[129] != 'I' || head[130] != 'C' || head[131] != 'M') {
            throw new IOException("stored object is not a DICOM Part-10 file");
        }
        long groupLength = ByteBuffer.wrap(head, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        in.skipNBytes(groupLength);
    }

    /** An instance to send: what dcm4che needs to know, and where we keep it. */
    static final class Located extends InstanceLocator {

        final transient StoredInstance instance;

        Located(StoredInstance instance) {
            super(instance.sopClassUid(), instance.sop().value(), instance.transferSyntax(), instance.sop().value());
            this.instance = instance;
        }
    }
}
