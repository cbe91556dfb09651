import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Times a folder upload through RadRelay's upload page in headless Chromium, from choosing the folder until every
 * file has its result (stored and checked by the server), and prints one line: seconds, files, MB, MB/s, problems,
 * and the seconds until the first file began to upload.
 * Usage: java -cp <selenium classpath> UploadBench.java http://localhost:8080 FOLDER USER PASSWORD
 */
public class UploadBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path folder = Path.of(args[1]);
        long bytes;
        long files;
        try (Stream<Path> all = Files.walk(folder)) {
            List<Path> regular = all.filter(Files::isRegularFile).toList();
            files = regular.size();
            bytes = regular.stream().mapToLong(p -> p.toFile().length()).sum();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory("rr-bench-chromium"), "--window-size=1280,900");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build(), options);
        try {
            browser.get(base + "/login");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("vaadin-login-form")));
            form.findElement(By.cssSelector("input[name='username']")).sendKeys(args[2]);
            form.findElement(By.cssSelector("input[name='password']")).sendKeys(args[3], Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rr-view-title")));
            browser.get(base + "/clinic/upload");
            WebElement upload = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rr-upload")));
            long start = System.nanoTime();
            upload.getShadowRoot().findElement(By.cssSelector("#folder")).sendKeys(folder.toString());
            Object problems = null;
            double firstSent = -1;
            while (true) {
                Object state = browser.executeScript("""
                        const rows = [...document.getElementById('rr-upload').shadowRoot.querySelectorAll('tr.item')];
                        const finished = rows.filter(r => ['done', 'skipped', 'error'].includes(r.dataset.state));
                        return [rows.length, finished.length,
                                rows.filter(r => r.dataset.state === 'error' || /rejected|failed/.test(r.textContent)).length,
                                rows.some(r => r.dataset.state !== 'waiting' && r.dataset.state !== 'skipped')];""");
                List<?> s = (List<?>) state;
                if (firstSent < 0 && Boolean.TRUE.equals(s.get(3))) {
                    firstSent = (System.nanoTime() - start) / 1e9;
                }
                if (((Number) s.get(0)).longValue() == files && ((Number) s.get(1)).longValue() == files) {
                    problems = s.get(2);
                    break;
                }
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("browser-upload seconds=%.2f files=%d MB=%.1f MB/s=%.1f problems=%s first-sent=%.2f%n",
                    seconds, files, bytes / 1e6, bytes / 1e6 / seconds, problems, firstSent);
        } finally {
            browser.quit();
        }
    }
}
