import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Times RadRelay's viewer (the rr-viewer element of the reading page, in headless Chromium, a fresh profile per run)
 * opening a CT series: from its first request (the series metadata) to the first image drawn, and to the last frame
 * of the stack received. With "orthanc" the same element is created on the reading page once the page's own viewer
 * is done, pointed at Orthanc's DICOMweb root for the same study, and timed the same way.
 * Prints one line: target, first-image ms, stack ms, frames, and the ms from navigation to the first image.
 * Usage: java -cp <selenium classpath> ViewerBench.java BASE USER PASSWORD CLINIC_ID STUDY SERIES SLICES
 *        radrelay|orthanc [ORTHANC_DICOMWEB_ROOT]
 */
public class ViewerBench {

    /** Installed before the page's own scripts: a resource timing buffer for every frame, and when "ready" is set. */
    private static final String PROBE = """
            performance.setResourceTimingBufferSize(100000);
            new MutationObserver((records) => {
              for (const r of records) {
                const t = r.target;
                if (t.id === 'rr-viewer-status' && t.dataset.status === 'ready' && !t.rrReadyAt) {
                  t.rrReadyAt = performance.now();
                }
              }
            }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] });""";

    /** Waits until the given viewer drew its first image and received every frame from requests matching host. */
    private static final String MEASURE = """
            const [viewer, host, slices, done] = arguments;
            const began = Date.now();
            const tick = () => {
              const entries = performance.getEntriesByType('resource').filter((e) => e.name.includes(host));
              const meta = entries.find((e) => e.name.includes('/metadata'));
              const frames = entries.filter((e) => e.name.includes('/frames/'));
              const status = viewer.querySelector('#rr-viewer-status');
              if (status.dataset.status === 'failed') {
                done(['failed', status.textContent]);
              } else if (meta && status.rrReadyAt && frames.length >= slices) {
                done([meta.startTime, status.rrReadyAt, Math.max(...frames.map((f) => f.responseEnd)), frames.length]);
              } else if (Date.now() - began > 180000) {
                done(['timeout', status.dataset.status, frames.length]);
              } else {
                setTimeout(tick, 5);
              }
            };
            tick();""";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String study = args[4];
        String series = args[5];
        int slices = Integer.parseInt(args[6]);
        String target = args[7];
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // The anchor's frames come from another origin, and Orthanc sends no CORS headers.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-web-security", "--user-data-dir=" + Files.createTempDirectory("rr-bench-chromium"),
                "--window-size=1280,900");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build(), options);
        browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(4));
        try {
            browser.get(base + "/login");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("vaadin-login-form")));
            form.findElement(By.cssSelector("input[name='username']")).sendKeys(args[1]);
            form.findElement(By.cssSelector("input[name='password']")).sendKeys(args[2], Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rr-view-title")));
            browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE));
            browser.get(base + "/reader/read/" + args[3] + "/" + study);
            WebElement own = wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("rr-viewer")));
            List<?> page = (List<?>) browser.executeAsyncScript(MEASURE, own, "/reader-door/", slices);
            if (target.equals("radrelay")) {
                print(target, page);
                return;
            }
            String root = args[8];
            WebElement anchor = (WebElement) ((JavascriptExecutor) browser).executeScript("""
                    const v = document.createElement('rr-viewer');
                    v.studiesJson = JSON.stringify([{ door: arguments[0] + '/studies/' + arguments[1], label: '',
                      series: [{ uid: arguments[2], label: 'CT' }] }]);
                    arguments[3].parentElement.appendChild(v);
                    return v;""", root, study, series, own);
            print(target, (List<?>) browser.executeAsyncScript(MEASURE, anchor, root, slices));
        } finally {
            browser.quit();
        }
    }

    private static void print(String target, List<?> m) {
        if (!(m.get(0) instanceof Number)) {
            System.out.println(target + " " + m);
            return;
        }
        double start = ((Number) m.get(0)).doubleValue();
        double ready = ((Number) m.get(1)).doubleValue();
        double last = ((Number) m.get(2)).doubleValue();
        // Only RadRelay's viewer opens with the page; the anchor's starts when the bench creates it.
        System.out.printf("viewer %s first-image-ms=%.0f stack-ms=%.0f frames=%s%s%n", target, ready - start,
                last - start, m.get(3), target.equals("radrelay") ? " navigation-to-first-image-ms=%.0f".formatted(ready)
                        : "");
    }
}
