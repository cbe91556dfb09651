package com.radrelay.demo;

import com.radrelay.dicom.DicomNetwork;
import com.radrelay.dicom.DicomServer;
import com.radrelay.ingest.SampleStudies;
import com.radrelay.security.ApiScope;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.EmailAddress;
import com.radrelay.security.Licence;
import com.radrelay.security.Role;
import com.radrelay.security.SecondFactors;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.Priority;
import com.radrelay.workflow.ReadRequests;
import com.radrelay.workflow.StudyUid;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds two demo clinics and one login per role, then prints the URL and the logins. Idempotent: a
 * restart against the same database finds everything in place.
 */
@Component
@Profile("demo")
@Order(0)
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "radrelay-demo-2026";
    /** The demo's authenticator key for the accounts that need a second factor (README: add it to an app). */
    static final String TOTP_SECRET = "RADRELAYDEMOSECONDFACTORKEYSEED2";
    static final String LAKESIDE_TOKEN = "rr_demo_lakeside_0123456789abcdef0123456789abcdef";
    static final String PRAIRIE_TOKEN = "rr_demo_prairie_0123456789abcdef0123456789abcdef";
    private static final String KMPDC = "Kenya Medical Practitioners and Dentists Council";
    private static final String MONTANA = "Montana Board of Medical Examiners";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final TenantDirectory clinics;
    private final UserAccounts accounts;
    private final DicomNetwork network;
    private final ApiTokens tokens;
    private final DicomServer dicom;
    private final Environment environment;
    private final SampleStudies samples;
    private final ReadRequests requests;
    private final DemoAi ai;
    private final SecondFactors secondFactors;

    DemoData(TenantDirectory clinics, UserAccounts accounts, DicomNetwork network, ApiTokens tokens,
            DicomServer dicom, Environment environment, SampleStudies samples, ReadRequests requests, DemoAi ai,
            SecondFactors secondFactors) {
        this.ai = ai;
        this.secondFactors = secondFactors;
        this.samples = samples;
        this.requests = requests;
        this.clinics = clinics;
        this.accounts = accounts;
        this.network = network;
        this.tokens = tokens;
        this.dicom = dicom;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        Tenant lakeside = clinic("lakeside", "Lakeside Rural Clinic", "KE", "KE-30");
        Tenant prairie = clinic("prairie", "Prairie Health Clinic", "US", "US-MT");
        user("admin", "Platform Administrator", Role.PLATFORM_ADMIN, null);
        user("lakeside.manager", "Amina Wanjiru", Role.CLINIC_MANAGER, lakeside.id());
        user("lakeside.uploader", "Peter Otieno", Role.CLINIC_UPLOADER, lakeside.id());
        user("prairie.manager", "Laura Bennett", Role.CLINIC_MANAGER, prairie.id());
        user("prairie.uploader", "Sam Whitehorse", Role.CLINIC_UPLOADER, prairie.id());
        radiologist("dr.kimani", "Grace Kimani", List.of(new Licence(KMPDC, "KE-30", "KMPDC-R-2291", validity())),
                Set.of("CR", "DX", "CT"), Set.of("chest"));
        radiologist("dr.hughes", "Owen Hughes", List.of(new Licence(MONTANA, "US-MT", "MT-RAD-88412", expiringSoon()),
                new Licence(KMPDC, "KE-30", "KMPDC-R-3105", validity())), Set.of("CT", "MR", "CR"), Set.of("neuro"));
        vendor("vendor.acme", "Acme Imaging AI", "Nadia Rahman");
        dicomDoors(lakeside, "LAKESIDE", LAKESIDE_TOKEN);
        dicomDoors(prairie, "PRAIRIE", PRAIRIE_TOKEN);
        ai.publishAndSubscribe("vendor.acme", "admin", List.of(lakeside, prairie));
        sampleStudies(lakeside);
    }

    /** Two studies waiting for a radiologist, the CT asked for at STAT with a clinical question. */
    private void sampleStudies(Tenant clinic) {
        List<StudyUid> stored = samples.storeInto(clinic.id());
        if (requests.of(clinic.id(), stored.getFirst()).isEmpty()) {
            requests.request(clinic.id(), stored.getFirst(), Priority.STAT, "fall at home, now confused",
                    "Intracranial haemorrhage?", "lakeside.uploader");
        }
    }

    /**
     * The clinic's AE title, the DCMTK clients of docs/benchmarks as its peers (BENCHSCU also as the C-MOVE
     * destination on 127.0.0.1:11113), and a fixed API token for DICOMweb.
     */
    private void dicomDoors(Tenant clinic, String aeTitle, String token) {
        CurrentTenant.run(clinic.id(), () -> {
            if (network.aeTitles(clinic.id()).isEmpty()) {
                network.registerAeTitle(aeTitle);
                network.registerPeer("BENCHSCU", "127.0.0.1", 11113, "benchmark and conformance clients");
                for (String peer : List.of("STORESCU", "FINDSCU", "GETSCU", "MOVESCU", "ECHOSCU", "DCMSEND")) {
                    network.registerPeer(peer, "127.0.0.1", null, "DCMTK " + peer.toLowerCase() + " on this machine");
                }
            }
            if (tokens.list().isEmpty()) {
                tokens.register("demo DICOMweb token", token, ApiScope.ALL, null);
            }
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String port = environment.getProperty("local.server.port", "8080");
        StringBuilder sb = new StringBuilder("\n\n  RadRelay is running: http://localhost:").append(port).append("/\n\n")
                .append("  Demo logins (password for all: ").append(PASSWORD).append(")\n");
        for (String[] row : new String[][] {
                {"admin", "platform admin"},
                {"lakeside.manager", "clinic manager, Lakeside Rural Clinic (KE-30)"},
                {"lakeside.uploader", "uploader, Lakeside Rural Clinic"},
                {"prairie.manager", "clinic manager, Prairie Health Clinic (US-MT)"},
                {"prairie.uploader", "uploader, Prairie Health Clinic"},
                {"dr.kimani", "radiologist, licensed KE-30"},
                {"dr.hughes", "radiologist, licensed US-MT (expiring in 20 days) and KE-30"},
                {"vendor.acme", "AI vendor"}}) {
            sb.append(String.format("    %-20s %s%n", row[0], row[1]));
        }
        sb.append("\n  DICOM: port ").append(dicom.port()).append(", AE titles LAKESIDE and PRAIRIE; calling AE titles ")
                .append("STORESCU, FINDSCU, GETSCU, MOVESCU, ECHOSCU, DCMSEND, BENCHSCU\n")
                .append("  DICOMweb: http://localhost:").append(port).append("/dicomweb/lakeside with header ")
                .append("'Authorization: Bearer ").append(LAKESIDE_TOKEN).append("'\n")
                .append("  Joining: http://localhost:").append(port).append("/join (one application of each kind ")
                .append("waits for admin under Applications; the mail it sends is under Sent mail)\n");
        log.info(sb.toString());
    }

    /** Shows the licence warnings: the administrator and the holder are mailed, the licence page flags it. */
    private static LocalDate expiringSoon() {
        return LocalDate.now().plusDays(20);
    }

    private static LocalDate validity() {
        return LocalDate.now().plusYears(2).withDayOfYear(1);
    }

    private Tenant clinic(String slug, String name, String country, String region) {
        return clinics.bySlug(slug).orElseGet(() -> clinics.register(slug, name, country, region));
    }

    /** Each demo login has a mailbox, so the demo's Sent mail page shows what each role is told. */
    private void user(String username, String name, Role role, @Nullable TenantId clinic) {
        if (accounts.byUsername(username).isEmpty()) {
            accounts.create(username, new EmailAddress(username + "@demo.radrelay.example"), name, PASSWORD, role,
                    clinic);
        }
        if (SecondFactors.required(role)) {
            secondFactors.enrolWithSeed(accounts.byUsername(username).orElseThrow().id(), TOTP_SECRET);
        }
    }

    private void vendor(String username, String company, String contact) {
        if (accounts.byUsername(username).isEmpty()) {
            var vendor = accounts.registerVendor(company, "GB", "UKCA class IIa (demonstration)");
            accounts.createVendorAccount(username, new EmailAddress(username + "@demo.radrelay.example"), contact,
                    PASSWORD, vendor.id());
        }
    }

    private void radiologist(String username, String name, List<Licence> licences, Set<String> modalities,
            Set<String> subspecialties) {
        user(username, name, Role.RADIOLOGIST, null);
        var id = accounts.byUsername(username).orElseThrow().id();
        if (accounts.profileOf(id).isEmpty()) {
            accounts.registerRadiologist(id, licences, modalities, subspecialties);
        }
    }
}
