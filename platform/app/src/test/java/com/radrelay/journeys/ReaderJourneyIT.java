package com.radrelay.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudyFilter;
import com.radrelay.archive.StudySummary;
import com.radrelay.marketplace.ModelCatalogue;
import com.radrelay.tenancy.TenantDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The first whole path: a radiologist licensed for the clinic's region claims the most urgent study, reports and
 * signs it with their password; a second radiologist cannot take it meanwhile; the clinic then has the report as
 * PDF and DICOM SR in its study, and its FHIR endpoint serves the DiagnosticReport.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class ReaderJourneyIT {

    private static final String PASSWORD = Chromium.DEMO_PASSWORD;
    private static final String LAKESIDE_TOKEN = "rr_demo_lakeside_0123456789abcdef0123456789abcdef";
    private static ChromeDriver kimani;
    private static ChromeDriver other;

    @LocalServerPort int port;
    @Autowired StudyArchive archive;
    @Autowired TenantDirectory clinics;
    @Autowired ModelCatalogue catalogue;

    /**
     * Headless Chromium has no speech recognition (it needs Google's servers): this stands in for the Web Speech
     * API's published interface and "hears" one phrase.
     */
    private static final String SPEECH = """
            window.SpeechRecognition = class {
              start() {
                setTimeout(() => {
                  const phrase = Object.assign([{ transcript: 'no midline shift' }], { isFinal: true });
                  this.onresult({ resultIndex: 0, results: [phrase] });
                  this.onend();
                }, 100);
              }
              stop() { this.onend(); }
            };""";

    @BeforeAll
    static void twoBrowsers() throws Exception {
        kimani = Chromium.start();
        kimani.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SPEECH));
        other = Chromium.start();
    }

    @AfterAll
    static void closeBrowsers() {
        for (WebDriver browser : new WebDriver[] {kimani, other}) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    @Test
    void aRadiologistClaimsReportsAndSignsAndTheClinicGetsTheReport() throws Exception {
        signIn(kimani, "dr.kimani");
        assertThat(waitFor(kimani, By.id("rr-view-title")).getText()).isEqualTo("Worklist · Dr Grace Kimani");
        // The demo's CT head was asked for at STAT: it heads the list, without the patient's name, with what the
        // demo head CT model found.
        new WebDriverWait(kimani, Duration.ofSeconds(60)).until(d -> {
            d.navigate().refresh();
            return waitFor(d, By.id("rr-worklist")) != null && body(d).contains("CT HEAD WITHOUT CONTRAST")
                    && body(d).contains("head-ct-hyperdensity 1: Hyperdense voxels");
        });
        assertThat(body(kimani)).contains("STAT", "Lakeside Rural Clinic", "Intracranial haemorrhage?", "58 y M")
                .doesNotContain("MWANGI");
        Chromium.click(kimani, kimani.findElements(By.cssSelector(".rr-claim")).getFirst());
        new WebDriverWait(kimani, Duration.ofSeconds(30))
                .until(d -> waitFor(d, By.id("rr-view-title")).getText().startsWith("MWANGI, JOSEPH"));
        String readingUrl = kimani.getCurrentUrl();
        assertThat(waitFor(kimani, By.id("rr-clinical-question")).getText()).contains("Intracranial haemorrhage?");
        assertThat(waitFor(kimani, By.id("rr-ai-notes")).getText()).contains("Hyperdense voxels")
                .contains("triage urgent");
        assertThat(body(kimani)).contains("AI: Head CT hyperdensity triage (demo)");
        viewerDrawsScrollsWindowsAndMeasures();

        signIn(other, "dr.hughes");
        waitFor(other, By.id("rr-worklist"));
        assertThat(body(other)).doesNotContain("CT HEAD WITHOUT CONTRAST");
        other.get(readingUrl);
        new WebDriverWait(other, Duration.ofSeconds(30))
                .until(d -> waitFor(d, By.id("rr-view-title")).getText().equals("Already claimed"));
        assertThat(body(other)).contains("Grace Kimani is reading this study").doesNotContain("MWANGI");

        WebElement findings = waitFor(kimani, By.id("rr-findings")).findElement(By.tagName("textarea"));
        // The draft starts from the CT head template with the AI result in its findings.
        assertThat(findings.getDomProperty("value")).contains("Brain parenchyma:")
                .contains("AI results (assistive").contains("Hyperdense voxels");
        findings.sendKeys(Keys.END, "\nSmall hyperdense focus in the right frontal lobe, 1.5 cm.");
        WebElement impression = waitFor(kimani, By.id("rr-impression")).findElement(By.tagName("textarea"));
        impression.sendKeys("Small right frontal intraparenchymal haemorrhage.");
        // Dictated into the findings, after what was typed.
        Chromium.click(kimani, kimani.findElement(By.cssSelector("#rr-findings-dictation vaadin-button")));
        new WebDriverWait(kimani, Duration.ofSeconds(10)).until(d -> findings.getDomProperty("value")
                .endsWith("1.5 cm. No midline shift"));
        Chromium.click(kimani, kimani.findElement(By.id("rr-macros")));
        Chromium.click(kimani, waitFor(kimani,
                By.xpath("//vaadin-select-item[normalize-space(.)='Intracranial haemorrhage: urgent']")));
        new WebDriverWait(kimani, Duration.ofSeconds(10)).until(d -> impression.getDomProperty("value")
                .equals("Small right frontal intraparenchymal haemorrhage.\nAcute intracranial haemorrhage. Urgent "
                        + "neurosurgical opinion advised; findings communicated to the referring clinic."));
        Chromium.click(kimani, kimani.findElement(By.id("rr-critical")));
        // The radiologist agrees with the head CT model: its real-world record gains one agreeing review.
        Chromium.click(kimani, kimani.findElement(By.xpath(
                "//vaadin-radio-group[contains(@class, 'rr-ai-verdict')]"
                        + "//vaadin-radio-button[normalize-space(.)='Agree']")));
        Chromium.click(kimani, kimani.findElement(By.id("rr-sign")));
        WebElement password = waitFor(kimani, By.id("rr-sign-password")).findElement(By.tagName("input"));
        password.sendKeys("wrong password");
        Chromium.click(kimani, kimani.findElement(By.id("rr-sign-confirm")));
        new WebDriverWait(kimani, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("rr-sign-password")).getDomAttribute("invalid") != null);
        password.clear();
        password.sendKeys(PASSWORD);
        // With the code from the authenticator app: the password alone does not sign (ReportSigningTests).
        waitFor(kimani, By.id("rr-sign-code")).findElement(By.tagName("input")).sendKeys(Chromium.code("dr.kimani"));
        Chromium.click(kimani, kimani.findElement(By.id("rr-sign-confirm")));
        new WebDriverWait(kimani, Duration.ofSeconds(30))
                .until(d -> waitFor(d, By.id("rr-view-title")).getText().startsWith("Worklist"));
        new WebDriverWait(kimani, Duration.ofSeconds(30)).until(d -> catalogue.agreement().stream()
                .anyMatch(a -> a.model().equals("head-ct-hyperdensity") && a.dimension().equals("all")
                        && a.agreed() >= 1));

        StudySummary ct = lakesideStudy("CT HEAD WITHOUT CONTRAST");
        other.manage().deleteAllCookies();
        signIn(other, "lakeside.manager");
        waitFor(other, By.id("rr-view-title"));
        other.get(url("/clinic/study/" + ct.studyUid()));
        new WebDriverWait(other, Duration.ofSeconds(60)).until(d -> {
            d.navigate().refresh();
            return waitFor(d, By.id("rr-reports")).getText().contains("Download the report as PDF");
        });
        assertThat(waitFor(other, By.id("rr-reports")).getText())
                .contains("CRITICAL FINDING. Small right frontal intraparenchymal haemorrhage.", "Grace Kimani",
                        "Intracranial haemorrhage: Present", "No midline shift");
        assertThat(waitFor(other, By.id("rr-timeline")).getText()).contains("Report signed, with a critical finding",
                "Report delivered");
        String href = other.findElement(By.id("rr-report-pdf")).getDomAttribute("href");
        assertThat(href).isNotBlank();
        // The critical finding waits for the clinic to acknowledge it.
        assertThat(waitFor(other, By.id("rr-critical")).getText()).contains("CRITICAL FINDING");
        Chromium.click(other, other.findElement(By.id("rr-critical-acknowledge")));
        new WebDriverWait(other, Duration.ofSeconds(20)).until(d -> waitFor(d, By.id("rr-critical")).getText()
                .contains("Critical finding acknowledged by lakeside.manager"));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> fhir = http.send(HttpRequest.newBuilder(URI.create(url(
                "/api/clinics/lakeside/fhir/DiagnosticReport?study=" + ct.studyUid())))
                .header("Authorization", "Bearer " + LAKESIDE_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fhir.statusCode()).isEqualTo(200);
        assertThat(fhir.body()).contains("\"resourceType\":\"Bundle\"", "Small right frontal intraparenchymal");
        HttpResponse<String> qido = http.send(HttpRequest.newBuilder(URI.create(url(
                "/dicomweb/lakeside/studies/" + ct.studyUid() + "/series?Modality=SR")))
                .header("Authorization", "Bearer " + LAKESIDE_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(qido.statusCode()).isEqualTo(200);
        assertThat(qido.body()).contains("\"SR\"");
    }

    /** The viewer draws the CT, a drag changes the window, the keys scroll, and a length can be measured. */
    private void viewerDrawsScrollsWindowsAndMeasures() {
        new WebDriverWait(kimani, Duration.ofSeconds(60)).until(d -> {
            String state = d.findElement(By.id("rr-viewer-status")).getDomAttribute("data-status");
            assertThat(state).as(d.findElement(By.id("rr-viewer-status")).getText()).isNotEqualTo("failed");
            return "ready".equals(state);
        });
        new WebDriverWait(kimani, Duration.ofSeconds(20)).until(d -> canvasSum() > 0);
        long before = canvasSum();
        assertThat(kimani.findElement(By.id("rr-slice")).getText()).isEqualTo("21 / 40");
        WebElement viewport = kimani.findElement(By.id("rr-viewport"));
        drag(viewport, 0, 0, 60, 40);
        new WebDriverWait(kimani, Duration.ofSeconds(10)).until(d -> canvasSum() != before);

        viewport.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        new WebDriverWait(kimani, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("rr-slice")).getText().equals("23 / 40"));

        Chromium.click(kimani, kimani.findElement(By.cssSelector("button[data-tool='Length']")));
        drag(viewport, -40, 0, 80, 0);
        new WebDriverWait(kimani, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#rr-viewport svg [data-annotation-uid]")).size() == 1);
        Chromium.click(kimani, kimani.findElement(By.cssSelector("button[data-tool='EllipticalROI']")));
        drag(viewport, 0, 40, 30, 20);
        new WebDriverWait(kimani, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#rr-viewport svg [data-annotation-uid]")).size() == 2);
        // The ROI's statistics are in Hounsfield units (the phantom's brain is about 35 HU).
        assertThat(viewport.getText()).contains("HU");

        // The head CT model's mask and box: the button shows them, moving to the slice it marks most (the phantom's
        // bleed is on slices 18-22), and hides them again.
        WebElement overlay = new WebDriverWait(kimani, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("rr-ai-overlay")));
        assertThat(overlay.getDomAttribute("title")).contains("Voxels at 50-90 HU (head-ct-hyperdensity 1)",
                "Around the 50-90 HU voxels (head-ct-hyperdensity 1)");
        assertThat(overlayPixels()).isZero();
        Chromium.click(kimani, overlay);
        new WebDriverWait(kimani, Duration.ofSeconds(10)).until(d -> overlayPixels() > 0);
        assertThat(overlayPixels("d[i] > 200 && d[i + 1] > 150 && d[i + 2] < 100")).as("the box's yellow")
                .isPositive();
        assertThat(Integer.parseInt(kimani.findElement(By.id("rr-slice")).getText().split(" / ")[0]))
                .isBetween(18, 22);
        Chromium.click(kimani, kimani.findElement(By.id("rr-ai-overlay")));
        new WebDriverWait(kimani, Duration.ofSeconds(10)).until(d -> overlayPixels() == 0);

        // The patient's prior CT of a year before, beside the current one.
        Chromium.click(kimani, kimani.findElement(By.id("rr-layout-2")));
        new WebDriverWait(kimani, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("rr-slice-2")).getText().equals("11 / 20"));
        assertThat(kimani.findElement(By.id("rr-series-2")).getText()).contains("PRIOR 2025-11-20");

        // Four panes; a thumbnail per series (the current CT and the prior) shows its series in the pane last used.
        Chromium.click(kimani, kimani.findElement(By.id("rr-layout-4")));
        new WebDriverWait(kimani, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("rr-slice-4")).getText().equals("21 / 40"));
        new WebDriverWait(kimani, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector(".rr-thumbnail[data-drawn='true']")).size() == 2);
        assertThat(canvasSum(".rr-thumbnail canvas")).isPositive();
        new Actions(kimani).moveToElement(kimani.findElement(By.id("rr-viewport-3"))).click().perform();
        Chromium.click(kimani, kimani.findElement(By.cssSelector(".rr-thumbnail[data-choice^='1|']")));
        new WebDriverWait(kimani, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("rr-slice-3")).getText().equals("11 / 20"));
        Chromium.click(kimani, kimani.findElement(By.id("rr-layout-1")));
        new WebDriverWait(kimani, Duration.ofSeconds(10)).until(d -> d.findElements(By.id("rr-viewport-2")).isEmpty());

        // MPR of the current CT: three planes from one volume, each a different picture; then back to the stack.
        Chromium.click(kimani, kimani.findElement(By.cssSelector(".rr-thumbnail[data-choice^='0|']")));
        Chromium.click(kimani, kimani.findElement(By.id("rr-mpr")));
        new WebDriverWait(kimani, Duration.ofSeconds(60)).until(d -> canvasSum("#rr-mpr-axial canvas") > 0
                && canvasSum("#rr-mpr-sagittal canvas") > 0 && canvasSum("#rr-mpr-coronal canvas") > 0);
        assertThat(kimani.findElement(By.id("rr-viewer-status")).getDomAttribute("data-status")).isEqualTo("ready");
        assertThat(canvasSum("#rr-mpr-sagittal canvas")).isNotEqualTo(canvasSum("#rr-mpr-axial canvas"));
        assertThat(kimani.findElement(By.id("rr-mpr-coronal")).findElement(By.xpath("..")).getText())
                .startsWith("Coronal · ");
        Chromium.click(kimani, kimani.findElement(By.id("rr-mpr")));
        new WebDriverWait(kimani, Duration.ofSeconds(30)).until(d -> d.findElements(By.id("rr-mpr-axial")).isEmpty()
                && canvasSum() > 0);
    }

    /** A drag inside the pane, brought to the middle of the window first (the tool buttons' clicks scroll it). */
    private void drag(WebElement viewport, int x, int y, int dx, int dy) {
        kimani.executeScript("arguments[0].scrollIntoView({block: 'center'});", viewport);
        new Actions(kimani).moveToElement(viewport, x, y).clickAndHold().moveByOffset(dx, dy).release().perform();
    }

    /** The sum of the viewer's canvas pixels: 0 for a blank canvas, changing when the picture changes. */
    private long canvasSum() {
        return canvasSum("#rr-viewport canvas");
    }

    private long canvasSum(String selector) {
        Object sum = kimani.executeScript("""
                const c = document.querySelector(arguments[0]);
                if (!c) return 0;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let s = 0;
                for (let i = 0; i < d.length; i += 4) s += d[i] + d[i + 1] + d[i + 2];
                return s;""", selector);
        return ((Number) sum).longValue();
    }

    /** How many pixels of the first pane's AI overlay are drawn. */
    private long overlayPixels() {
        return overlayPixels("d[i + 3] > 0");
    }

    /** How many pixels of the first pane's AI overlay match a test of {@code d[i]} (red) to {@code d[i + 3]}. */
    private long overlayPixels(String test) {
        Object drawn = kimani.executeScript("""
                const c = document.querySelector('#rr-viewport canvas.rr-overlay');
                if (!c) return 0;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 4) if (%s) n++;
                return n;""".formatted(test));
        return ((Number) drawn).longValue();
    }

    private StudySummary lakesideStudy(String description) {
        List<StudySummary> studies = archive.studies(clinics.bySlug("lakeside").orElseThrow().id(),
                StudyFilter.all(), 0, 100);
        return studies.stream().filter(s -> description.equals(s.description())).findFirst().orElseThrow();
    }

    private void signIn(WebDriver browser, String user) {
        Chromium.signIn(browser, url(""), user);
    }

    private static String body(WebDriver browser) {
        return Chromium.bodyText(browser);
    }

    private static WebElement waitFor(WebDriver browser, By by) {
        return Chromium.waitFor(browser, by);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
