package com.radrelay.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.radrelay.dicom.DicomServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The shared black-box harness (../shared/bench/conformance.sh: DCMTK and curl only) against the app with the
 * demo profile, through docs/benchmarks/radrelay-demo.env: every check must pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class ConformanceIT {

    private static final Path HARNESS = Path.of("../../../shared/bench/conformance.sh").toAbsolutePath().normalize();
    private static final Path TARGET = Path.of("../../docs/benchmarks/radrelay-demo.env").toAbsolutePath().normalize();

    @LocalServerPort int httpPort;
    @Autowired DicomServer dicom;

    @Test
    void theConformanceHarnessPassesInFull() throws Exception {
        assumeTrue(Files.exists(HARNESS), "the shared benchmark harness is not checked out beside this repository");
        Path log = Files.createTempFile("rr-conformance", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", HARNESS.toString(), TARGET.toString(),
                Files.createTempFile("rr-conformance", ".json").toString())
                .directory(HARNESS.getParent().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // Variables set in the environment win over the target file: point it at this test's ports.
        pb.environment().put("DICOM_PORT", Integer.toString(dicom.port()));
        pb.environment().put("DICOMWEB_BASE", "http://127.0.0.1:" + httpPort + "/dicomweb/lakeside");
        pb.environment().put("PYTHON", "/usr/bin/python3");
        Process p = pb.start();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("conformance.sh finished").isTrue();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String report = String.join("\n", lines);
        assertThat(lines).as(report).isNotEmpty();
        assertThat(lines.getLast()).as(report).matches("\\d+ passed, 0 failed");
        assertThat(report).as("every check ran").contains("0 skipped");
        assertThat(p.exitValue()).as(report).isZero();
    }
}
