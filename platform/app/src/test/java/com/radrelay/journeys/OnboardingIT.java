package com.radrelay.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.mail.CapturedMail;
import com.radrelay.mail.EmbeddedMailbox;
import com.radrelay.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * Joining RadRelay in headless Chromium: a clinic signs up, confirms its address from the captured e-mail, is
 * approved and invites an uploader; a radiologist signs up with a licence scan, reads the region's studies and loses
 * them when the licence runs out; a vendor cannot sign in before approval; bad input and bad links are explained.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@Import(OnboardingIT.Clocks.class)
class OnboardingIT {

    private static final String PASSWORD = "joining-is-easy-2026";
    private static final Pattern LINK = Pattern.compile("https?://\\S+token=[A-Za-z0-9_-]+");
    private static ChromeDriver browser;

    @TestConfiguration
    static class Clocks {
        // Primary: the application's own clock bean may be registered too, depending on configuration order.
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @LocalServerPort int port;
    @Autowired EmbeddedMailbox mailbox;
    @Autowired MovableClock clock;
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
    void signedOut() {
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    @Test
    void aClinicSignsUpIsApprovedAndItsManagerInvitesAnUploaderWhoJoinsOnce() {
        String manager = address("manager");
        browser.get(url("/login"));
        Chromium.click(browser, waitFor(By.linkText("New to RadRelay? Apply to join")));
        Chromium.click(browser, waitFor(By.id("rr-join-clinic")));
        type("rr-clinic-name", "Riverside Health Post");
        type("rr-phone", "+254 722 000 111");
        type("rr-country", "KE");
        type("rr-region", "KE-30");
        browser.findElement(By.id("rr-address")).findElement(By.tagName("textarea")).sendKeys("Lake road 3");
        type("rr-volume", "40");
        type("rr-full-name", "Mercy Achieng");
        type("rr-email", manager);
        type("rr-password", PASSWORD);
        type("rr-password-again", PASSWORD + "x");
        Chromium.click(browser, browser.findElement(By.id("rr-apply")));
        assertThat(waitFor(By.id("rr-error")).getText()).isEqualTo("The two passwords differ; type the same "
                + "password twice.");
        retype("rr-password-again", PASSWORD);
        Chromium.click(browser, browser.findElement(By.id("rr-apply")));
        assertThat(waitFor(By.id("rr-done")).getText()).startsWith("Check your inbox at " + manager);

        browser.get(link(manager, "Confirm your e-mail"));
        assertThat(waitFor(By.id("rr-done")).getText()).contains("your address is confirmed");

        approveAsAdmin(manager);

        Chromium.signIn(browser, url(""), manager, PASSWORD);
        assertThat(waitFor(By.id("rr-view-title")).getText()).isEqualTo("Riverside Health Post");
        browser.get(url("/people"));
        String uploader = address("uploader");
        type("rr-invite-email", uploader);
        Chromium.click(browser, waitFor(By.id("rr-invite")));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Chromium.bodyText(d).contains(uploader));

        browser.manage().deleteAllCookies();
        String invitation = link(uploader, "You are invited");
        browser.get(invitation);
        waitFor(By.id("rr-full-name"));
        assertThat(Chromium.bodyText(browser)).contains("You are invited to Riverside Health Post as uploader");
        type("rr-full-name", "Brian Ouma");
        type("rr-password", PASSWORD);
        type("rr-password-again", PASSWORD);
        Chromium.click(browser, browser.findElement(By.id("rr-join")));
        assertThat(waitFor(By.id("rr-done")).getText()).startsWith("Welcome to Riverside Health Post");

        browser.get(invitation);
        assertThat(waitFor(By.id("rr-error")).getText()).isEqualTo("This link has been used already. Each link "
                + "works once.");

        Chromium.signIn(browser, url(""), uploader, PASSWORD);
        assertThat(waitFor(By.id("rr-view-title")).getText()).isEqualTo("Upload studies to Riverside Health Post");
    }

    @Test
    void aRadiologistLicensedForTheRegionReadsItsStudiesUntilTheLicenceRunsOut() throws Exception {
        String email = address("radiologist");
        browser.get(url("/join/radiologist"));
        type("rr-full-name", "Wanjiru Kamau");
        type("rr-phone", "+254 733 000 222");
        type("rr-licence-authority-1", "Kenya Medical Practitioners and Dentists Council");
        type("rr-licence-region-1", "KE-30");
        type("rr-licence-number-1", "KMPDC-R-" + ThreadLocalRandom.current().nextInt(100_000));
        LocalDate until = LocalDate.now().plusDays(40);
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id("rr-licence-until-1")), until.toString());
        for (String modality : List.of("CT", "CR")) {
            Chromium.click(browser, browser.findElement(By.xpath(
                    "//*[@id='rr-modalities']//vaadin-checkbox[normalize-space(.)='" + modality + "']")));
        }
        WebElement upload = browser.findElement(By.id("rr-licence-upload"));
        Path text = Files.writeString(dir.resolve("licence.txt"), "not a scan");
        upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")).sendKeys(text.toString());
        assertThat(waitFor(By.id("rr-error")).getText()).isEqualTo("The licence document must be a PDF, JPEG or "
                + "PNG file.");
        Path huge = dir.resolve("huge.pdf");
        Files.write(huge, new byte[10 * 1024 * 1024 + 1]);
        upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")).sendKeys(huge.toString());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("rr-error")).getText()
                .startsWith("The licence document is larger than 10 MB"));
        Path fake = Files.writeString(dir.resolve("renamed.pdf"), "a text file with a PDF name");
        upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")).sendKeys(fake.toString());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("rr-error")).getText()
                .startsWith("The licence document must be a PDF, JPEG or PNG file; 'renamed.pdf'"));
        Path scan = Files.write(dir.resolve("licence.pdf"),
                "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")).sendKeys(scan.toString());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElement(By.id("rr-error")).isDisplayed());
        type("rr-email", email);
        type("rr-password", PASSWORD);
        type("rr-password-again", PASSWORD);
        Chromium.click(browser, browser.findElement(By.id("rr-apply")));
        assertThat(waitFor(By.id("rr-done")).getText()).startsWith("Check your inbox at " + email);
        browser.get(link(email, "Confirm your e-mail"));
        waitFor(By.id("rr-done"));

        approveAsAdmin(email);

        Chromium.signIn(browser, url(""), email, PASSWORD);
        assertThat(waitFor(By.id("rr-view-title")).getText()).isEqualTo("Worklist · Dr Wanjiru Kamau");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d ->
                waitFor(By.id("rr-worklist")).getText().contains("Lakeside Rural Clinic"));

        clock.advance(Duration.ofDays(41));
        browser.navigate().refresh();
        WebElement worklist = waitFor(By.id("rr-worklist"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !worklist.getText().contains("Lakeside"));
    }

    @Test
    void aVendorCannotSignInBeforeApprovalAndExpiredLinksAndRepeatedAddressesAreHandled() {
        String email = address("vendor");
        applyAsVendor(email);
        assertThat(waitFor(By.id("rr-done")).getText()).startsWith("Check your inbox at " + email);

        browser.get(url("/login"));
        WebElement form = waitFor(By.tagName("vaadin-login-form"));
        form.findElement(By.cssSelector("input[name='username']")).sendKeys(email);
        form.findElement(By.cssSelector("input[name='password']")).sendKeys(PASSWORD, Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Chromium.bodyText(d)
                .contains("Incorrect username or password"));

        clock.advance(Duration.ofDays(2));
        String expired = link(email, "Confirm your e-mail");
        browser.get(expired);
        assertThat(waitFor(By.id("rr-error")).getText()).isEqualTo("This link has expired. Ask for a new one.");

        applyAsVendor(email);
        waitFor(By.id("rr-done"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !link(email, "Confirm your e-mail")
                .equals(expired));
        browser.get(link(email, "Confirm your e-mail"));
        assertThat(waitFor(By.id("rr-done")).getText()).contains("your address is confirmed");

        applyAsVendor(email);
        assertThat(waitFor(By.id("rr-done")).getText()).as("a known address looks the same on the page")
                .startsWith("Check your inbox at " + email);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> mailbox.to(email).stream()
                .anyMatch(m -> m.subject().startsWith("Someone tried to sign up")));
    }

    private void applyAsVendor(String email) {
        browser.get(url("/join/vendor"));
        type("rr-company", "Polaris Vision AI");
        type("rr-country", "DE");
        type("rr-full-name", "Lena Vogel");
        type("rr-phone", "+49 30 000 000");
        browser.findElement(By.id("rr-regulatory")).findElement(By.tagName("textarea")).sendKeys("None held yet");
        type("rr-email", email);
        type("rr-password", PASSWORD);
        type("rr-password-again", PASSWORD);
        Chromium.click(browser, browser.findElement(By.id("rr-apply")));
    }

    private void approveAsAdmin(String applicant) {
        browser.manage().deleteAllCookies();
        Chromium.signIn(browser, url(""), "admin");
        browser.get(url("/admin/applications"));
        Chromium.click(browser, waitFor(By.cssSelector(".rr-review[data-email='" + applicant + "']")));
        Chromium.click(browser, waitFor(By.id("rr-approve")));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("rr-application"))
                .getText().contains("approved"));
        browser.manage().deleteAllCookies();
    }

    private String link(String to, String subject) {
        CapturedMail mail = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> mailbox.to(to).stream()
                .filter(m -> m.subject().contains(subject)).findFirst().orElse(null));
        Matcher m = LINK.matcher(mail.body());
        assertThat(m.find()).as("a link in: " + mail.body()).isTrue();
        return m.group();
    }

    private void type(String id, String text) {
        waitFor(By.id(id)).findElement(By.tagName("input")).sendKeys(text);
    }

    private void retype(String id, String text) {
        WebElement input = waitFor(By.id(id)).findElement(By.tagName("input"));
        input.clear();
        input.sendKeys(text);
    }

    private WebElement waitFor(By by) {
        return Chromium.waitFor(browser, by);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String address(String who) {
        return who + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "@example.org";
    }
}
