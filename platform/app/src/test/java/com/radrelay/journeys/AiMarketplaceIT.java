package com.radrelay.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.inference.AiResult;
import com.radrelay.inference.AiResults;
import com.radrelay.ingest.SampleStudies;
import com.radrelay.marketplace.demo.DemoModels;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The marketplace in a browser: a vendor uploads a model (and is told what is wrong with a bad package), the
 * administrator approves it, a clinic manager finds it and subscribes, and the clinic's next CT comes back with the
 * model's findings on its page and its SR among its series.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class AiMarketplaceIT {

    private static final String MODEL = "acme-ct-triage";
    private static final String TITLE = "Acme CT triage (test)";
    private static ChromeDriver browser;

    @LocalServerPort int port;
    @Autowired TenantDirectory clinics;
    @Autowired SampleStudies samples;
    @Autowired AiResults results;
    @TempDir Path dir;

    @BeforeAll
    static void startChromium() throws Exception {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aVendorsModelIsApprovedSubscribedAndReadsTheClinicsNextCt() throws Exception {
        Path junk = dir.resolve("model.zip");
        Files.writeString(junk, "not a zip at all");
        Path pack = dir.resolve(MODEL + ".zip");
        Files.write(pack, renamedHeadCtPackage());

        signIn("vendor.acme");
        upload(junk);
        assertThat(waitFor(By.id("rr-publish-problems")).getText()).contains("radrelay-model.json is missing");
        browser.navigate().refresh();
        upload(pack);
        waitUntil(() -> waitFor(By.id("rr-publish-outcome")).getText().contains(MODEL + " version 1 is uploaded"));
        assertThat(waitFor(By.id("rr-model-versions")).getText()).contains(TITLE).contains("pending");

        signIn("admin");
        browser.get(url("/admin/models"));
        click(waitFor(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='" + TITLE + "']")));
        assertThat(waitFor(By.id("rr-model-detail")).getText()).contains("Not a medical device");
        click(waitFor(By.id("rr-model-approve")));
        waitUntil(() -> browser.findElement(By.id("rr-models-approved")).getText().contains(TITLE));

        signIn("prairie.manager");
        browser.get(url("/clinic/ai"));
        waitFor(By.id("rr-catalogue"));
        browser.findElement(By.cssSelector("vaadin-text-field input")).sendKeys("acme ct");
        waitUntil(() -> !browser.findElement(By.id("rr-catalogue")).getText().contains("Chest X-ray"));
        click(waitFor(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='" + TITLE + "']")));
        assertThat(waitFor(By.id("rr-model-page")).getText()).contains("Not a medical device", "0.4 USD per study",
                "Measured in real use: no radiologist has reviewed its results yet");
        click(waitFor(By.id("rr-subscribe")));
        waitUntil(() -> browser.findElement(By.id("rr-catalogue")).getText().contains("subscribed"));

        TenantId prairie = clinics.bySlug("prairie").orElseThrow().id();
        StudyUid ct = samples.storeInto(prairie).getFirst();
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> results.of(prairie, ct).stream()
                .anyMatch(r -> r.model().equals(MODEL)));
        AiResult result = results.of(prairie, ct).stream().filter(r -> r.model().equals(MODEL)).findFirst()
                .orElseThrow();
        assertThat(result.failed()).as(result.summary()).isFalse();

        browser.get(url("/clinic/study/" + ct.value()));
        waitUntil(() -> waitFor(By.id("rr-timeline")).getText().contains("AI model " + MODEL + " 1: Hyperdense"));
        assertThat(Chromium.bodyText(browser)).contains("AI: " + TITLE);
    }

    /** The demo head CT package as another vendor model: its own name and title. */
    private static byte[] renamedHeadCtPackage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(DemoModels.headCtPackage()));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (!e.getName().endsWith(".onnx")) {
                    content = new String(content, StandardCharsets.UTF_8)
                            .replace("\"" + DemoModels.HEAD_CT + "\"", "\"" + MODEL + "\"")
                            .replace("Head CT hyperdensity triage (demo)", TITLE).getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName().replace(DemoModels.HEAD_CT, MODEL)));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private void upload(Path file) {
        WebElement upload = waitFor(By.id("rr-model-upload"));
        upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
    }

    private void signIn(String user) {
        browser.manage().deleteAllCookies();
        Chromium.signIn(browser, url(""), user);
    }

    private void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> condition.getAsBoolean());
    }

    private void click(WebElement element) {
        Chromium.click(browser, element);
    }

    private WebElement waitFor(By by) {
        return Chromium.waitFor(browser, by);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
