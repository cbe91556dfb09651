package com.radrelay.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudyFilter;
import com.radrelay.archive.StudySummary;
import com.radrelay.audit.AuditLog;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Each demo role signs in through headless Chromium, lands on its home view, and is refused another role's. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class RoleJourneysIT {

    private static final String PASSWORD = Chromium.DEMO_PASSWORD;
    private static WebDriver browser;

    @LocalServerPort int port;
    @Autowired AuditLog audit;
    @Autowired TenantDirectory directory;
    @Autowired StudyArchive archive;

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
    void signedOut() {
        browser.manage().deleteAllCookies();
    }

    static Stream<Arguments> roles() {
        return Stream.of(
                Arguments.of("admin", "/admin/clinics", "Clinics", "/clinic"),
                Arguments.of("lakeside.manager", "/clinic", "Lakeside Rural Clinic", "/admin/clinics"),
                Arguments.of("lakeside.uploader", "/clinic/upload", "Upload studies to Lakeside Rural Clinic", "/clinic"),
                Arguments.of("dr.kimani", "/reader", "Worklist · Dr Grace Kimani", "/clinic/upload"),
                Arguments.of("vendor.acme", "/vendor", "Acme Imaging AI", "/reader"));
    }

    @ParameterizedTest(name = "{0} lands on {1} and is refused {3}")
    @MethodSource("roles")
    void eachRoleSeesItsHomeAndIsRefusedAnotherRolesView(String user, String home, String title, String forbidden) {
        browser.get(url("/"));
        waitFor(By.tagName("vaadin-login-form"));
        String sessionBefore = sessionId();

        signIn(user, PASSWORD);

        WebElement heading = waitFor(By.id("rr-view-title"));
        assertThat(heading.getText()).isEqualTo(title);
        assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo(home);
        assertThat(sessionId()).as("session id is renewed at sign-in").isNotEqualTo(sessionBefore);

        browser.get(url(forbidden));
        waitFor(By.tagName("body"));
        // Inside the app's layout, in the same words as for a page that does not exist.
        assertThat(waitFor(By.id("rr-page-not-available")).getText()).isEqualTo("This page is not available");
        assertThat(bodyText()).contains("Sign out");
        assertThat(browser.findElements(By.id("rr-view-title"))).isEmpty();
        assertThat(audit.recent(null, 200)).as("the refusal is audited").anySatisfy(r -> {
            assertThat(r.event().action()).isEqualTo("PAGE_REFUSED");
            assertThat(r.event().actor()).isEqualTo(user);
            assertThat(r.event().objectId()).isEqualTo(forbidden);
        });
    }

    @Test
    void theClinicManagerSeesWhichDevicesMaySendAndTheUploaderHowToSend() {
        browser.get(url("/login"));
        signIn("lakeside.manager", PASSWORD);
        waitFor(By.id("rr-view-title"));
        browser.get(url("/clinic/dicom"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> bodyText().contains("BENCHSCU"));
        assertThat(bodyText()).contains("LAKESIDE", "STORESCU", "127.0.0.1", "11113");

        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn("lakeside.uploader", PASSWORD);
        waitFor(By.id("rr-view-title"));
        browser.get(url("/clinic/send"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> bodyText().contains("Modalities and PACS"));
        Object aeTitle = ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('vaadin-text-field')].map(f => f.label + '=' + f.value).join(';')");
        assertThat(String.valueOf(aeTitle)).contains("Called AE title=LAKESIDE", "/dicomweb/lakeside/studies");
    }

    @Test
    void theClinicManagerIssuesATokenThatMayOnlyQuery() throws Exception {
        browser.get(url("/login"));
        signIn("lakeside.manager", PASSWORD);
        waitFor(By.id("rr-view-title"));
        waitFor(By.id("rr-token-name")).findElement(By.tagName("input")).sendKeys("EMR worklist");
        WebElement scopes = waitFor(By.id("rr-token-scopes"));
        Chromium.click(browser, scopes.findElement(By.xpath(".//vaadin-checkbox[normalize-space(.)='Store']")));
        Chromium.click(browser, scopes.findElement(By.xpath(".//vaadin-checkbox[normalize-space(.)='Query']")));
        Chromium.click(browser, browser.findElement(By.id("rr-token-issue")));
        WebElement secretField = waitFor(By.id("rr-token-secret"));
        String secret = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> secretField.getDomProperty("value").isEmpty() ? null : secretField.getDomProperty("value"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> bodyText().contains("EMR worklist"));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> query = http.send(HttpRequest.newBuilder(URI.create(url("/dicomweb/lakeside/studies")))
                .header("Authorization", "Bearer " + secret).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(query.statusCode()).isEqualTo(200);
        HttpResponse<String> store = http.send(HttpRequest.newBuilder(URI.create(url("/dicomweb/lakeside/studies")))
                .header("Authorization", "Bearer " + secret).header("Content-Type",
                        "multipart/related; type=\"application/dicom\"; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(store.statusCode()).as("a query token cannot store").isEqualTo(403);
    }

    @Test
    void theAdministratorSuspendsAClinicWithAReasonAndReactivatesIt() {
        String slug = "suspend-" + Long.toString(System.nanoTime(), 36);
        directory.register(slug, "Hillside " + slug, "KE", "KE-30");
        browser.get(url("/login"));
        signIn("admin", PASSWORD);
        waitFor(By.id("rr-view-title"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> bodyText().contains("Hillside " + slug));
        Chromium.click(browser, waitFor(By.id("rr-suspend-" + slug)));
        Chromium.click(browser, waitFor(By.id("rr-suspend-confirm")));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("rr-suspend-reason"))
                .getDomAttribute("invalid") != null);
        waitFor(By.id("rr-suspend-reason")).findElement(By.tagName("input")).sendKeys("unpaid invoices");
        Chromium.click(browser, browser.findElement(By.id("rr-suspend-confirm")));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !directory.bySlug(slug).orElseThrow().active());
        assertThat(audit.recent(directory.bySlug(slug).orElseThrow().id(), 5)).anySatisfy(r -> {
            assertThat(r.event().action()).isEqualTo("CLINIC_SUSPENDED");
            assertThat(r.event().actor()).isEqualTo("admin");
            assertThat(r.event().detail()).isEqualTo("unpaid invoices");
        });
        Chromium.click(browser, waitFor(By.id("rr-reactivate-" + slug)));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> directory.bySlug(slug).orElseThrow().active());
    }

    @Test
    void aClinicManagerReachesNothingOfAnotherClinicInTheBrowser() {
        Tenant lakeside = directory.bySlug("lakeside").orElseThrow();
        StudySummary theirs = archive.studies(lakeside.id(), StudyFilter.all(), 0, 1).getFirst();
        browser.get(url("/login"));
        signIn("prairie.manager", PASSWORD);
        waitFor(By.id("rr-view-title"));

        browser.get(url("/clinic/study/" + theirs.studyUid()));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> waitFor(By.id("rr-view-title")).getText()
                .equals("No such study in your clinic"));
        assertThat(bodyText()).doesNotContain(theirs.patientNameForPeople());

        // The audit trail page shows the manager's own clinic only: none of Lakeside's people appear in it.
        browser.get(url("/clinic/audit"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> waitFor(By.id("rr-audit-summary")).getText()
                .contains("records in this period"));
        assertThat(bodyText()).contains("prairie.manager").doesNotContain("lakeside.");
    }

    @Test
    void aWrongPasswordGetsAClearMessage() {
        browser.get(url("/login"));
        waitFor(By.tagName("vaadin-login-form"));
        signIn("lakeside.manager", "not-the-password");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> loginError().contains("Incorrect username or password"));
        assertThat(browser.getCurrentUrl()).contains("/login?error");
    }

    private void signIn(String user, String password) {
        WebElement form = waitFor(By.tagName("vaadin-login-form"));
        form.findElement(By.cssSelector("input[name='username']")).sendKeys(user);
        form.findElement(By.cssSelector("input[name='password']")).sendKeys(password, Keys.ENTER);
        if (password.equals(PASSWORD)) {
            Chromium.secondFactorIfAsked(browser, user);
        }
    }

    private String loginError() {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const f = document.querySelector('vaadin-login-form');"
                        + "return f && f.error ? f.i18n.errorMessage.title + ' ' + f.i18n.errorMessage.message : '';");
        return String.valueOf(text);
    }

    private String sessionId() {
        Cookie cookie = browser.manage().getCookieNamed("JSESSIONID");
        return cookie == null ? "" : cookie.getValue();
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
