package com.radrelay.clinic;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.audit.AuditRecord;
import com.radrelay.tenancy.Tenant;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Service;

/**
 * A clinic's audit trail for a period, for its auditors and their tools: as CSV (one row per record, with the
 * chain's HMACs) or as a FHIR R4 Bundle of AuditEvent resources coded in the vocabulary of DICOM's audit messages
 * (PS3.15 A.5, the successor of RFC 3881). Every export is itself audited as "Audit Log Used".
 */
@Service
public class AuditTrailExport {

    public enum Format {
        CSV("text/csv", "csv"), FHIR("application/fhir+json", "json");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return extension;
        }
    }

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String ACTIONS = "urn:radrelay:audit-action";

    /** DICOM audit event ids (PS3.16 CID 400) of the actions that have one; the rest are application activity. */
    private static final Map<String, Coding> DICOM_EVENTS = Map.ofEntries(
            Map.entry("QUERY", dcm("110112", "Query")),
            Map.entry("DICOM_INSTANCES_ACCESSED", dcm("110103", "DICOM Instances Accessed")),
            Map.entry("BEGIN_TRANSFERRING_DICOM_INSTANCES", dcm("110102", "Begin Transferring DICOM Instances")),
            Map.entry("STOW_RS", dcm("110104", "DICOM Instances Transferred")),
            Map.entry("BROWSER_UPLOAD", dcm("110104", "DICOM Instances Transferred")),
            Map.entry("STORE_REJECTED", dcm("110104", "DICOM Instances Transferred")),
            Map.entry("SIGN_IN", dcm("110114", "User Authentication")),
            Map.entry("SESSION_ENDED", dcm("110114", "User Authentication")),
            Map.entry("REPORT_SIGN_REAUTH", dcm("110114", "User Authentication")),
            Map.entry("API_AUTH", dcm("110114", "User Authentication")),
            Map.entry("AUDIT_LOG_USED", dcm("110101", "Audit Log Used")));
    private static final Coding APPLICATION_ACTIVITY = dcm("110100", "Application Activity");
    private static final Coding SECURITY_ALERT = dcm("110113", "Security Alert");

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final AuditLog audit;

    AuditTrailExport(AuditLog audit) {
        this.audit = audit;
    }

    /** Writes the clinic's records of [from, to) to {@code out} and audits the export; returns how many. */
    public long write(Tenant clinic, Instant from, Instant to, Format format, String actor, OutputStream out) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period must end after it starts");
        }
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        long[] rows = {0};
        try {
            if (format == Format.CSV) {
                w.write("seq,recorded,clinic,actor,action,object_type,object_id,outcome,detail,prev_hash,hash\r\n");
                audit.trail(clinic.id(), from, to, r -> {
                    csvRow(w, clinic, r);
                    rows[0]++;
                });
            } else {
                IParser json = FHIR.newJsonParser();
                w.write("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"timestamp\":\""
                        + Instant.now() + "\",\"entry\":[");
                audit.trail(clinic.id(), from, to, r -> {
                    write(w, (rows[0] == 0 ? "" : ",") + "{\"fullUrl\":\"urn:uuid:" + uuidOf(clinic, r)
                            + "\",\"resource\":" + json.encodeResourceToString(fhir(clinic, r)) + "}");
                    rows[0]++;
                });
                w.write("]}");
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(new AuditEvent(clinic.id(), actor, "AUDIT_LOG_USED", "audit-trail", from + "/" + to,
                AuditEvent.Outcome.SUCCESS, "format=" + format.name().toLowerCase() + " records=" + rows[0]));
        return rows[0];
    }

    static org.hl7.fhir.r4.model.AuditEvent fhir(Tenant clinic, AuditRecord r) {
        AuditEvent e = r.event();
        org.hl7.fhir.r4.model.AuditEvent fhir = new org.hl7.fhir.r4.model.AuditEvent();
        fhir.setId(uuidOf(clinic, r));
        fhir.setType(DICOM_EVENTS.getOrDefault(e.action(),
                e.outcome() == AuditEvent.Outcome.DENIED ? SECURITY_ALERT : APPLICATION_ACTIVITY));
        fhir.addSubtype(new Coding(ACTIONS, e.action(), null));
        fhir.setAction(switch (e.action()) {
            case "DICOM_INSTANCES_ACCESSED", "BEGIN_TRANSFERRING_DICOM_INSTANCES" -> AuditEventAction.R;
            case "STOW_RS", "BROWSER_UPLOAD" -> AuditEventAction.C;
            default -> AuditEventAction.E;
        });
        fhir.setRecorded(Date.from(r.at()));
        fhir.setOutcome(switch (e.outcome()) {
            case SUCCESS -> AuditEventOutcome._0;
            case DENIED -> AuditEventOutcome._4;
            case FAILURE -> AuditEventOutcome._8;
        });
        if (e.detail() != null) {
            fhir.setOutcomeDesc(e.detail());
        }
        AuditEventAgentComponent agent = fhir.addAgent();
        agent.setRequestor(true);
        agent.setWho(new Reference().setDisplay(e.actor()));
        fhir.getSource().setSite(clinic.name()).setObserver(new Reference().setDisplay("RadRelay"));
        AuditEventEntityComponent entity = fhir.addEntity();
        entity.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
        entity.setDescription(e.objectType());
        if (e.objectId() != null) {
            entity.setWhat(new Reference().setIdentifier(new Identifier().setValue(e.objectId())));
        }
        // The chain: whoever holds the key can check the record against the trail it came from.
        entity.addDetail().setType("seq").setValue(new StringType(Long.toString(r.seq())));
        entity.addDetail().setType("hash").setValue(new StringType(r.hash()));
        return fhir;
    }

    /** A stable id per record: the same record exported twice is the same resource. */
    private static String uuidOf(Tenant clinic, AuditRecord r) {
        return java.util.UUID.nameUUIDFromBytes((clinic.id().value() + "/" + r.seq())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void csvRow(Writer w, Tenant clinic, AuditRecord r) {
        AuditEvent e = r.event();
        write(w, String.join(",", Long.toString(r.seq()), r.at().toString(), csv(clinic.slug()), csv(e.actor()),
                csv(e.action()), csv(e.objectType()), csv(e.objectId()), e.outcome().name(), csv(e.detail()),
                r.previousHash(), r.hash()) + "\r\n");
    }

    /**
     * RFC 4180 quoting; a value a spreadsheet would run as a formula (it starts with = + - @ or a control
     * character) is prefixed with an apostrophe, since actors and details can come from outside.
     */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static void write(Writer w, String text) {
        try {
            w.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Coding dcm(String code, String display) {
        return new Coding(DCM, code, display);
    }
}
