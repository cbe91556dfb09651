package com.radrelay.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.archive.StudyArchive;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import com.radrelay.testing.Studies;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The clinic's uploader sends a CD's folder and a zip from the browser, and resumes an upload after a reload. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class ClinicUploadIT {

    private static final String LAKESIDE_TOKEN = "rr_demo_lakeside_0123456789abcdef0123456789abcdef";
    private static ChromeDriver browser;

    @LocalServerPort int port;
    @Autowired StudyArchive archive;
    @Autowired TenantDirectory clinics;
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

    @BeforeEach
    void theUploaderOnTheUploadPage() {
        browser.manage().deleteAllCookies();
        Chromium.signIn(browser, url(""), "lakeside.uploader");
        assertThat(waitFor(By.id("rr-view-title")).getText()).isEqualTo("Upload studies to Lakeside Rural Clinic");
    }

    @Test
    void aCdFolderAndAZipArriveAndTheirJunkIsListedAsSkipped() throws Exception {
        Path cd = dir.resolve("CD");
        Studies.Study ct = Studies.ct(cd.resolve("DICOM/ST1"), "UPLOAD^FOLDER", "UF1", 200, 128, 128);
        Files.writeString(cd.resolve("Thumbs.db"), "thumbnail cache");
        Files.createDirectories(cd.resolve("VIEWER"));
        Files.write(cd.resolve("VIEWER/viewer.exe"), new byte[] {'M', 'Z', 0, 0, 1, 2, 3});
        Files.copy(ct.files().getFirst(), cd.resolve("DICOMDIR"));
        List<Path> mr = mrSeries(dir.resolve("mr"), 20);
        Path zip = dir.resolve("mr-study.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path f : mr) {
                out.putNextEntry(new ZipEntry("MR/" + f.getFileName()));
                Files.copy(f, out);
            }
            out.putNextEntry(new ZipEntry("README.txt"));
            out.write("burned by the MR console".getBytes(StandardCharsets.UTF_8));
        }

        uploader().findElement(By.cssSelector("#folder")).sendKeys(cd.toString());
        uploader().findElement(By.cssSelector("#files")).sendKeys(zip.toString());

        waitUntilAllFinished(204, Duration.ofMinutes(3));
        assertThat(states()).doesNotContain("error");
        assertThat(text("#overall-text")).startsWith("100 %").contains("204 of 204 files finished");
        assertThat(rowText("Thumbs.db")).contains("skipped: not a DICOM file");
        assertThat(rowText("viewer.exe")).contains("skipped: not a DICOM file");
        assertThat(rowText("DICOMDIR")).contains("skipped: DICOMDIR");
        assertThat(rowText(ct.files().get(7).getFileName().toString())).contains("stored in study " + ct.studyUid());
        assertThat(rowText("mr-study.zip")).contains("20 stored, 1 skipped").contains("README.txt: skipped");
        assertThat(instances(ct.studyUid())).isEqualTo(200);

        browser.get(url("/clinic/studies"));
        waitFor(By.id("rr-study-search")).findElement(By.tagName("input")).sendKeys("upload^folder");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> bodyText().contains("UPLOAD, FOLDER") && !bodyText().contains("UPLOAD, ZIP"));
        // Announced once the study has been quiet for a moment; the open list hears of it without a reload.
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> bodyText().contains("received"));
        // 200 images, and 202 objects once the demo's head CT model has added its SR and Segmentation (it reads
        // every CT here).
        assertThat(bodyText()).contains("UF1").containsPattern("\\b20[0-2]\\b");
    }

    @Test
    void anUploadCutByAReloadResumesAndStoresEachInstanceOnce() throws Exception {
        // 60 slices of 0.5 MB travel as two bundles of small files; each resumes like a single file would.
        Path folder = dir.resolve("big");
        Studies.Study ct = Studies.ct(folder, "UPLOAD^RESUME", "UR1", 60, 512, 512);
        ChromiumNetworkConditions slowLink = new ChromiumNetworkConditions();
        slowLink.setLatency(Duration.ofMillis(20));
        slowLink.setUploadThroughput(4 * 1024 * 1024);
        slowLink.setDownloadThroughput(4 * 1024 * 1024);
        browser.setNetworkConditions(slowLink);
        try {
            uploader().findElement(By.cssSelector("#folder")).sendKeys(folder.toString());
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> percentSent() >= 30);
            browser.navigate().refresh();
            waitFor(By.id("rr-view-title"));
            uploader().findElement(By.cssSelector("#folder")).sendKeys(folder.toString());
            waitUntilAllFinished(60, Duration.ofMinutes(2));
        } finally {
            browser.deleteNetworkConditions();
        }

        assertThat(states()).containsOnly("done");
        assertThat(rowText(ct.files().get(42).getFileName().toString())).contains("stored in study " + ct.studyUid());
        assertThat(uploader().findElements(By.cssSelector("tr.item")))
                .allSatisfy(row -> assertThat(row.getDomAttribute("data-resumed")).isEqualTo("true"));
        assertThat(instances(ct.studyUid())).isEqualTo(60);
    }

    @Test
    void photosTakenAtAPhonesWidthBecomeVlPhotographicImagesOfThePatient() throws Exception {
        Path photo = dir.resolve("heel.jpg");
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 120, 110));
        g.fillOval(60, 40, 200, 160);
        g.dispose();
        ImageIO.write(image, "jpeg", photo.toFile());
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.get(url("/clinic/photos"));
            waitFor(By.id("rr-photo-family")).findElement(By.tagName("input")).sendKeys("WANJIKU");
            browser.findElement(By.id("rr-photo-given")).findElement(By.tagName("input")).sendKeys("ESTHER");
            browser.findElement(By.id("rr-photo-id")).findElement(By.tagName("input")).sendKeys("PH-2231");
            click(browser.findElement(By.id("rr-photo-site")));
            click(waitFor(By.xpath("//vaadin-select-item[normalize-space(.)='Foot']")));
            browser.findElement(By.id("rr-photo-note")).findElement(By.tagName("textarea"))
                    .sendKeys("Ulcer on the left heel, day 14");
            WebElement upload = browser.findElement(By.id("rr-photo-upload"));
            upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")).sendKeys(photo.toString());
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(
                    By.cssSelector("#rr-photo-upload vaadin-upload-file[complete]")).isEmpty());
            click(browser.findElement(By.id("rr-photo-send")));
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d -> waitFor(By.id("rr-view-title")).getText().startsWith("WANJIKU, ESTHER"));
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }

        HttpClient http = HttpClient.newHttpClient();
        String series = http.send(HttpRequest.newBuilder(URI.create(url("/dicomweb/lakeside/series?PatientID=PH-2231"
                + "&includefield=00180015"))).header("Authorization", "Bearer " + LAKESIDE_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(series).contains("\"XC\"", "\"FOOT\"");
        String instances = http.send(HttpRequest.newBuilder(URI.create(url("/dicomweb/lakeside/instances?PatientID=PH-2231")))
                .header("Authorization", "Bearer " + LAKESIDE_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(instances).contains(UID.VLPhotographicImageStorage);
    }

    private static List<Path> mrSeries(Path to, int slices) throws IOException {
        String study = Studies.uid();
        String series = Studies.uid();
        Random random = new Random(3);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= slices; i++) {
            Attributes ds = Studies.base(UID.MRImageStorage, study, series, "MR", "UPLOAD^ZIP", "UZ1");
            ds.setInt(Tag.InstanceNumber, VR.IS, i);
            Studies.pixels(ds, 64, 64, 16, 1, random);
            files.add(Studies.write(to, ds));
        }
        return files;
    }

    private SearchContext uploader() {
        return waitFor(By.id("rr-upload")).getShadowRoot();
    }

    private List<String> states() {
        return uploader().findElements(By.cssSelector("tr.item")).stream()
                .map(r -> r.getDomAttribute("data-state")).toList();
    }

    private void waitUntilAllFinished(int files, Duration within) {
        new WebDriverWait(browser, within).until(d -> {
            List<String> states = states();
            return states.size() == files && states.stream().allMatch(s -> List.of("done", "skipped", "error").contains(s));
        });
    }

    private int percentSent() {
        List<WebElement> text = uploader().findElements(By.cssSelector("#overall-text"));
        return text.isEmpty() ? 0 : Integer.parseInt(text.getFirst().getText().split(" ")[0]);
    }

    private String text(String css) {
        return uploader().findElement(By.cssSelector(css)).getText();
    }

    private String rowText(String nameEndsWith) {
        return uploader().findElements(By.cssSelector("tr.item")).stream()
                .filter(r -> r.findElement(By.cssSelector("td.name")).getText().endsWith(nameEndsWith))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + nameEndsWith)).getText();
    }

    /** The study's images as uploaded: the demo's AI models may have added their SR to it by now. */
    /** The study's images as uploaded: the demo AI's SR and Segmentation in it are not counted. */
    private int instances(String studyUid) {
        TenantId lakeside = clinics.bySlug("lakeside").orElseThrow().id();
        return (int) archive.instances(lakeside, new StudyUid(studyUid), null, null).stream()
                .filter(i -> !UID.ComprehensiveSRStorage.equals(i.sopClassUid())
                        && !UID.SegmentationStorage.equals(i.sopClassUid())).count();
    }

    private void click(WebElement element) {
        Chromium.click(browser, element);
    }

    private String bodyText() {
        return Chromium.bodyText(browser);
    }

    private WebElement waitFor(By by) {
        return Chromium.waitFor(browser, by);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
