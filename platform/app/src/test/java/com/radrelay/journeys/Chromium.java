package com.radrelay.journeys;

import com.radrelay.testing.Authenticator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium and its driver, at their installed paths (nothing is downloaded at test time), and the
 * steps every journey takes with it.
 */
final class Chromium {

    static final String DEMO_PASSWORD = "radrelay-demo-2026";
    /** The demo's authenticator key (DemoData), as a person would add it to their app. */
    static final String DEMO_TOTP_SECRET = "RADRELAYDEMOSECONDFACTORKEYSEED2";
    /** One app per account: each code is good once per account, so an account's next sign-in waits for a new one. */
    private static final Map<String, Authenticator> APPS = new ConcurrentHashMap<>();

    private Chromium() {
    }

    static ChromeDriver start() throws IOException {
        Path profile = Files.createTempDirectory("rr-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        return new ChromeDriver(service, options);
    }

    /** Signs in through the login form with the demo password and waits for the user's home view. */
    static void signIn(WebDriver browser, String baseUrl, String user) {
        signIn(browser, baseUrl, user, DEMO_PASSWORD);
    }

    static void signIn(WebDriver browser, String baseUrl, String user, String password) {
        browser.get(baseUrl + "/login");
        WebElement form = waitFor(browser, By.tagName("vaadin-login-form"));
        form.findElement(By.cssSelector("input[name='username']")).sendKeys(user);
        form.findElement(By.cssSelector("input[name='password']")).sendKeys(password, Keys.ENTER);
        secondFactorIfAsked(browser, user);
        waitFor(browser, By.id("rr-view-title"));
    }

    /**
     * After the password: the second factor where the sign-in asks for one, as its person would give it. A demo
     * account's app holds the demo key; a new account sets its app up from the key the page shows and keeps going
     * past its recovery codes.
     */
    static void secondFactorIfAsked(WebDriver browser, String user) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login")
                && !d.findElements(By.id("rr-view-title")).isEmpty());
        if (!browser.getCurrentUrl().contains("/second-factor")) {
            return;
        }
        List<WebElement> secret = browser.findElements(By.id("rr-totp-secret"));
        Authenticator app = secret.isEmpty()
                ? APPS.computeIfAbsent(user, u -> Authenticator.withSecret(DEMO_TOTP_SECRET))
                : Authenticator.withSecret(secret.getFirst().getText());
        APPS.put(user, app);
        waitFor(browser, By.id("rr-second-factor-code")).findElement(By.tagName("input")).sendKeys(app.code());
        click(browser, browser.findElement(By.id("rr-second-factor-continue")));
        if (!secret.isEmpty()) {
            click(browser, waitFor(browser, By.id("rr-second-factor-done")));
        }
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/second-factor"));
    }

    /** The code {@code user}'s authenticator app shows now (waiting for a fresh one if this one was used). */
    static String code(String user) {
        return APPS.computeIfAbsent(user, u -> Authenticator.withSecret(DEMO_TOTP_SECRET)).code();
    }

    /**
     * Clicks as a person would: after scrolling the element to the middle of the window, and again while something
     * still covers it (an overlay such as a select's list is still opening).
     */
    static void click(WebDriver browser, WebElement element) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(ElementClickInterceptedException.class)
                .until(d -> {
                    ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});",
                            element);
                    element.click();
                    return true;
                });
    }

    static WebElement waitFor(WebDriver browser, By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** The page's text; read again when the page was replaced while it was being read (a navigation). */
    static String bodyText(WebDriver browser) {
        try {
            return browser.findElement(By.tagName("body")).getText();
        } catch (StaleElementReferenceException e) {
            return browser.findElement(By.tagName("body")).getText();
        }
    }
}
