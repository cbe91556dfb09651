package com.radrelay.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.radrelay.dicom.DicomNetwork;
import com.radrelay.dicom.DicomServer;
import com.radrelay.security.ApiScope;
import com.radrelay.security.ApiTokens;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The shared black-box harness (../shared/bench/conformance.sh: DCMTK and curl only) against the app with the
 * demo profile, through docs/benchmarks/radrelay-demo.env, with the extra files of docs/benchmarks/conformance-extra:
 * every check must pass. A check may be skipped only where the harness's own tools cannot take part (DCMTK 3.6.7
 * does not know the newest transfer syntaxes, getscu offers no private SOP class, pydicom cannot decode retired JPEG
 * to compare what the archive decoded), and only for the extra files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class ConformanceIT {

    private static final Path HARNESS = Path.of("../../../shared/bench/conformance.sh").toAbsolutePath().normalize();
    private static final Path TARGET = Path.of("../../docs/benchmarks/radrelay-demo.env").toAbsolutePath().normalize();
    private static final Path EXTRA = Path.of("../../docs/benchmarks/conformance-extra").toAbsolutePath().normalize();
    private static final List<String> TOOL_LIMITS = List.of("cannot be decoded here to compare", "not sent by dcmsend",
            "getscu does not offer this SOP class");

    private static final String AE_TITLE = "CONFORMANCE";
    private static final String TOKEN = "rr_conformance_0123456789abcdef0123456789abcdef";

    @LocalServerPort int httpPort;
    @Autowired DicomServer dicom;
    @Autowired TenantDirectory clinics;
    @Autowired DicomNetwork network;
    @Autowired ApiTokens tokens;

    @Test
    void theConformanceHarnessPassesInFull() throws Exception {
        assumeTrue(Files.exists(HARNESS), "the shared benchmark harness is not checked out beside this repository");
        Path log = Files.createTempFile("rr-conformance", ".log");
        Path json = Files.createTempFile("rr-conformance", ".json");
        ProcessBuilder pb = new ProcessBuilder("bash", HARNESS.toString(), TARGET.toString(), json.toString())
                .directory(HARNESS.getParent().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // Variables set in the environment win over the target file: point it at this test's ports.
        pb.environment().put("DICOM_PORT", Integer.toString(dicom.port()));
        pb.environment().put("CALLED_AET", AE_TITLE);
        pb.environment().put("DICOMWEB_BASE", "http://127.0.0.1:" + httpPort + "/dicomweb/" + aClinicWithoutAi());
        pb.environment().put("DICOMWEB_AUTH_HEADER", "Authorization: Bearer " + TOKEN);
        pb.environment().put("PYTHON", "/usr/bin/python3");
        pb.environment().put("CONF_EXTRA_DIR", EXTRA.toString());
        Process p = pb.start();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("conformance.sh finished").isTrue();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String report = String.join("\n", lines);
        assertThat(lines).as(report).isNotEmpty();
        assertThat(lines.getLast()).as(report).matches("\\d+ passed, 0 failed");
        assertThat(p.exitValue()).as(report).isZero();
        assertThat(report).as("the extra files were sent").contains("extra/deflated-image-frames.dcm");
        JsonNode files = new JsonMapper().readTree(json.toFile()).get("files");
        for (JsonNode file : files) {
            for (Map.Entry<String, JsonNode> cell : file.get("cells").properties()) {
                if (cell.getValue().get("result").asString().equals("skip")) {
                    String what = file.get("label").asString() + " " + cell.getKey() + ": "
                            + cell.getValue().get("why").asString();
                    assertThat(what).as("a skipped check").startsWith("extra/")
                            .satisfies(w -> assertThat(TOOL_LIMITS).anySatisfy(limit -> assertThat(w).contains(limit)));
                }
            }
        }
    }

    /**
     * A clinic of its own, with the demo clinics' DICOM peers and subscribed to no AI model: the harness counts what
     * a study holds, and a model's SR arriving in the middle would be one object more. Answers its slug.
     */
    private String aClinicWithoutAi() {
        Tenant clinic = clinics.bySlug("conformance").orElseGet(() -> clinics.register("conformance",
                "Conformance Clinic", "KE", "KE-30"));
        CurrentTenant.run(clinic.id(), () -> {
            if (network.aeTitles(clinic.id()).isEmpty()) {
                network.registerAeTitle(AE_TITLE);
                // The harness's C-MOVE destination (BENCHSCU on 11113) and the DCMTK tools' own AE titles.
                network.registerPeer("BENCHSCU", "127.0.0.1", 11113, "conformance harness");
                for (String peer : List.of("STORESCU", "FINDSCU", "GETSCU", "MOVESCU", "ECHOSCU", "DCMSEND")) {
                    network.registerPeer(peer, "127.0.0.1", null, "DCMTK " + peer.toLowerCase());
                }
            }
            if (tokens.list().isEmpty()) {
                tokens.register("conformance harness", TOKEN, ApiScope.ALL, null);
            }
        });
        return "conformance";
    }
}
