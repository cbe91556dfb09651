package com.radrelay.gateway;

import static com.radrelay.testing.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudySummary;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.IssuedToken;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.Studies;
import com.radrelay.workflow.StudyUid;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The clinic's edge gateway as a clinic runs it: its own process (the built jar), fed by DCMTK's storescu, forwarding
 * to this RadRelay through a link the test cuts. RadRelay unreachable mid-way, and the gateway killed with SIGKILL
 * while it holds a queue: every instance arrives once, and no instance the gateway recorded as sent is sent again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EdgeGatewayIT {

    private static final Path JAR = Path.of("../../tenant-portal/edge-gateway/target/radrelay-edge-gateway.jar");

    @LocalServerPort int port;
    @Autowired TenantDirectory directory;
    @Autowired ApiTokens tokens;
    @Autowired StudyArchive archive;
    @TempDir Path dir;

    private Process gateway;

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
    }

    @Test
    void everyInstanceArrivesOnceThroughOutagesAndAKilledGateway() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        IssuedToken token = CurrentTenant.call(clinic.id(), () -> tokens.issue("edge gateway"));
        int dicomPort = freePort();
        // 1 MB/s: the second study takes seconds to forward, long enough to cut the link in the middle of it.
        try (ThrottledProxy link = new ThrottledProxy(port, 1_000_000)) {
            Path config = config(clinic, token, link.port(), dicomPort);

            // RadRelay unreachable: the gateway still takes the whole study, and holds it.
            Studies.Study first = Studies.ct(dir.resolve("first"), "GATEWAY^FIRST", "GW1", 30, 64, 64);
            gateway = start(config, dicomPort);
            storescu(dicomPort, dir.resolve("first"));
            assertThat(status(config)).contains("queued: 30");

            // Killed while holding the queue; restarted, with RadRelay back: the queue drains.
            gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            link.up();
            gateway = start(config, dicomPort);
            waitFor(Duration.ofSeconds(60), () -> instances(clinic, first) == 30);

            // RadRelay cut off in the middle of the second study, then back.
            Studies.Study second = Studies.ct(dir.resolve("second"), "GATEWAY^SECOND", "GW2", 40, 256, 256);
            storescu(dicomPort, dir.resolve("second"));
            waitFor(Duration.ofSeconds(60), () -> instances(clinic, second) >= 5);
            link.down();
            int beforeCut = instances(clinic, second);
            assertThat(beforeCut).as("cut in the middle").isLessThan(40);
            Thread.sleep(1500);
            link.up();
            waitFor(Duration.ofSeconds(90), () -> instances(clinic, second) == 40);
            waitFor(Duration.ofSeconds(10), () -> status(config).contains("queued: 0"));
        }
        List<String> sent = Files.readAllLines(dir.resolve("queue/sent.log"));
        assertThat(sent).as("each instance recorded as sent once").hasSize(70)
                .doesNotHaveDuplicates();
        assertThat(new HashSet<>(sent)).hasSize(70);
        assertThat(status(dir.resolve("radrelay-gateway.properties"))).contains("sent:   70", "failed: 0");
    }

    private int instances(Tenant clinic, Studies.Study study) {
        return archive.study(clinic.id(), new StudyUid(study.studyUid())).map(StudySummary::instances).orElse(0);
    }

    private Path config(Tenant clinic, IssuedToken token, int linkPort, int dicomPort) throws IOException {
        return Files.writeString(dir.resolve("radrelay-gateway.properties"), """
                radrelay.url=http://127.0.0.1:%d/dicomweb/%s
                radrelay.token=%s
                dicom.ae-title=RADRELAY-GW
                dicom.bind=127.0.0.1
                dicom.port=%d
                queue.folder=queue
                batch.instances=5
                retry.first=PT0.2S
                retry.max=PT1S
                """.formatted(linkPort, clinic.slug(), token.secret(), dicomPort));
    }

    private Process start(Path config, int dicomPort) throws Exception {
        assertThat(JAR).as("the gateway jar is built before the application's tests").exists();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "run", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile()).start();
        waitFor(Duration.ofSeconds(30), () -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), dicomPort)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return p;
    }

    private String status(Path config) {
        try {
            return runStatus(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String runStatus(Path config) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "status", config.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static void storescu(int port, Path folder) throws Exception {
        Process p = new ProcessBuilder("storescu", "-aet", "MODALITY", "-aec", "RADRELAY-GW", "+sd", "+r",
                "127.0.0.1", String.valueOf(port), folder.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
