package com.radrelay.archive.dimse;

import com.radrelay.archive.QueryLevel;
import com.radrelay.archive.QueryMatch;
import com.radrelay.archive.StudyArchive;
import com.radrelay.audit.ReadAudit;
import com.radrelay.dicom.DicomAssociations;
import com.radrelay.dicom.DicomService;
import com.radrelay.tenancy.TenantId;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.net.Association;
import org.dcm4che3.net.Status;
import org.dcm4che3.net.TransferCapability;
import org.dcm4che3.net.pdu.PresentationContext;
import org.dcm4che3.net.service.BasicCFindSCP;
import org.dcm4che3.net.service.BasicQueryTask;
import org.dcm4che3.net.service.DicomServiceException;
import org.dcm4che3.net.service.QueryRetrieveLevel2;
import org.dcm4che3.net.service.QueryTask;
import org.springframework.stereotype.Component;

/** C-FIND SCP, Study Root model, at STUDY, SERIES and IMAGE level: the same matching as QIDO-RS. */
@Component
class CFindScp implements DicomService {

    private static final int PAGE = 500;

    private final StudyArchive archive;
    private final ReadAudit audit;

    CFindScp(StudyArchive archive, ReadAudit audit) {
        this.archive = archive;
        this.audit = audit;
    }

    @Override
    public org.dcm4che3.net.service.DicomService handler() {
        return new BasicCFindSCP(UID.StudyRootQueryRetrieveInformationModelFind) {
            @Override
            protected QueryTask calculateMatches(Association as, PresentationContext pc, Attributes rq, Attributes keys)
                    throws DicomServiceException {
                QueryRetrieveLevel2 level = QueryRetrieveLevel2.validateQueryIdentifier(keys,
                        EnumSet.of(QueryRetrieveLevel2.STUDY, QueryRetrieveLevel2.SERIES, QueryRetrieveLevel2.IMAGE),
                        false, true);
                return new Matches(as, pc, rq, keys, DicomAssociations.tenantOf(as), QueryLevel.valueOf(level.name()));
            }
        };
    }

    @Override
    public List<TransferCapability> transferCapabilities() {
        return List.of(new TransferCapability(null, UID.StudyRootQueryRetrieveInformationModelFind,
                TransferCapability.Role.SCP, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
    }

    /** Pages through the matches, so a query over a whole archive never holds it all in memory. */
    private final class Matches extends BasicQueryTask {

        private final TenantId tenant;
        private final QueryLevel level;
        private final Attributes matchingKeys;
        private Iterator<QueryMatch> page = List.<QueryMatch>of().iterator();
        private long lastPk;
        private boolean exhausted;
        private int matched;

        Matches(Association as, PresentationContext pc, Attributes rq, Attributes keys, TenantId tenant,
                QueryLevel level) {
            super(as, pc, rq, keys);
            this.tenant = tenant;
            this.level = level;
            this.matchingKeys = new Attributes(keys);
            matchingKeys.remove(Tag.QueryRetrieveLevel);
        }

        @Override
        protected boolean hasMoreMatches() throws DicomServiceException {
            if (!page.hasNext() && !exhausted) {
                try {
                    List<QueryMatch> next = archive.searchAfter(tenant, level, matchingKeys, lastPk, PAGE);
                    exhausted = next.size() < PAGE;
                    if (!next.isEmpty()) {
                        lastPk = next.getLast().pk();
                    }
                    page = next.iterator();
                } catch (IllegalArgumentException e) {
                    throw new DicomServiceException(Status.IdentifierDoesNotMatchSOPClass, e.getMessage());
                }
            }
            return page.hasNext();
        }

        @Override
        protected Attributes nextMatch() {
            matched++;
            return page.next().attrs();
        }

        /** Audited once the query has answered (or was cancelled or failed), with what it returned. */
        @Override
        public void run() {
            try {
                super.run();
            } finally {
                audit.query(tenant, "dicom:" + as.getRemoteAET(), "C-FIND", level.name(), matched);
            }
        }

        /** Return keys are exactly the keys of the request, filled from the match. */
        @Override
        protected Attributes adjust(Attributes match) {
            Attributes rsp = new Attributes(match, keys.tags());
            rsp.setString(Tag.QueryRetrieveLevel, VR.CS, keys.getString(Tag.QueryRetrieveLevel));
            if (keys.contains(Tag.RetrieveAETitle)) {
                rsp.setString(Tag.RetrieveAETitle, VR.AE, as.getCalledAET());
            }
            if (match.contains(Tag.SpecificCharacterSet)) {
                rsp.setString(Tag.SpecificCharacterSet, VR.CS, match.getStrings(Tag.SpecificCharacterSet));
            }
            return rsp;
        }
    }
}
