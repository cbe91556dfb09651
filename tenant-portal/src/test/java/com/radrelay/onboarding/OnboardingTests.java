package com.radrelay.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.mail.CapturedMail;
import com.radrelay.mail.EmbeddedMailbox;
import com.radrelay.security.EmailAddress;
import com.radrelay.security.Licence;
import com.radrelay.security.Role;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.UserSummary;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.MovableClock;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Joining RadRelay against the real database, object store and SMTP server: every link followed from its mail. */
@IntegrationTest
@Import(OnboardingTests.Clocks.class)
class OnboardingTests {

    static final String PASSWORD = "a-long-enough-password";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

    @TestConfiguration
    static class Clocks {
        // Primary: the application's own clock bean may be registered too, depending on configuration order.
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired SigningUp signUp;
    @Autowired ApplicationReview review;
    @Autowired Invitations invitations;
    @Autowired PasswordResets resets;
    @Autowired LicenceWarnings warnings;
    @Autowired UserAccounts accounts;
    @Autowired TenantDirectory directory;
    @Autowired EmbeddedMailbox mailbox;
    @Autowired PasswordEncoder passwords;
    @Autowired MovableClock clock;

    final SignedInUser admin = new SignedInUser(UUID.randomUUID(), "admin-" + UUID.randomUUID(), "Test Admin",
            Role.PLATFORM_ADMIN, null, "", true);

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    @Test
    void aClinicConfirmsItsAddressIsApprovedAndItsManagerCanSignIn() {
        String email = address("manager");
        signUp.apply(clinic(email, "Hillside Community Clinic"));
        assertThatThrownBy(() -> accounts.loadUserByUsername(email))
                .as("nothing of a pending applicant is usable").isInstanceOf(UsernameNotFoundException.class);
        assertThat(application(email).status()).isEqualTo(ApplicationStatus.UNCONFIRMED);

        assertThat(signUp.confirm(token(email, "Confirm your e-mail"))).isInstanceOf(LinkCheck.Valid.class);
        ApplicationSummary pending = application(email);
        assertThat(pending.status()).isEqualTo(ApplicationStatus.PENDING);

        review.approve(admin, pending.id());

        SignedInUser manager = accounts.loadUserByUsername(email);
        assertThat(manager.role()).isEqualTo(Role.CLINIC_MANAGER);
        assertThat(passwords.matches(PASSWORD, manager.getPassword())).isTrue();
        Tenant clinic = directory.byId(manager.tenant().orElseThrow()).orElseThrow();
        assertThat(clinic.name()).isEqualTo("Hillside Community Clinic");
        assertThat(clinic.region()).isEqualTo("KE-30");
        assertThat(clinic.slug()).startsWith("hillside-community-clinic");
        assertThat(clinic.profile()).satisfies(p -> {
            assertThat(p.address()).isEqualTo("Market road 4, Kisumu");
            assertThat(p.contactName()).isEqualTo("Amina Wanjiru");
            assertThat(p.contactEmail()).isEqualTo(email);
        });
        assertThat(mail(email, "approved")).isPresent();
        assertThat(review.history(admin, pending.id())).extracting(Decision::action)
                .containsExactly("APPLIED", "CONFIRMED_EMAIL", "APPROVED");
    }

    @Test
    void aRepeatedAddressCreatesNothingAndOnlyItsOwnerIsTold() {
        String email = address("twice");
        signUp.apply(clinic(email, "Twice Clinic"));
        signUp.confirm(token(email, "Confirm your e-mail"));
        signUp.apply(clinic(email, "Twice Clinic Again"));

        assertThat(review.open(admin).stream().filter(a -> a.email().equals(email))).hasSize(1);
        assertThat(mail(email, "Someone tried to sign up")).isPresent();
    }

    @Test
    void badInputIsRefusedWithAReason() {
        assertThatThrownBy(() -> signUp.apply(new SignUp.Clinic("X Clinic", "KE", "US-TX", "Main road", "+254 1",
                10, "Ann", address("bad"), PASSWORD))).hasMessage("region US-TX is not in country KE");
        assertThatThrownBy(() -> signUp.apply(new SignUp.Clinic("X Clinic", "KE", "KE-30", "Main road", "+254 1",
                10, "Ann", "not-an-address", PASSWORD))).hasMessageContaining("is not an e-mail address");
        assertThatThrownBy(() -> signUp.apply(new SignUp.Clinic("X Clinic", "KE", "KE-30", "Main road", "+254 1",
                10, "Ann", address("short"), "short"))).hasMessageContaining("at least 12 characters");
        assertThatThrownBy(() -> signUp.apply(radiologist(address("nodoc"), null)))
                .hasMessageContaining("attach a scan of your licence");
        assertThatThrownBy(() -> new LicenceDocument("licence.txt", "just text".getBytes()))
                .hasMessageContaining("must be a PDF, JPEG or PNG");
        assertThatThrownBy(() -> new LicenceDocument("huge.pdf", oversizedPdf()))
                .hasMessageContaining("larger than 10 MB");
    }

    @Test
    void linksWorkOnceAndNotAfterTheyExpire() {
        String email = address("once");
        signUp.apply(vendor(email));
        String token = token(email, "Confirm your e-mail");
        assertThat(signUp.confirm(token)).isInstanceOf(LinkCheck.Valid.class);
        assertThat(signUp.confirm(token)).isInstanceOf(LinkCheck.Used.class);
        assertThat(signUp.confirm("not-a-token")).isInstanceOf(LinkCheck.Unknown.class);

        String late = address("late");
        signUp.apply(vendor(late));
        clock.advance(Duration.ofDays(2));
        assertThat(signUp.confirm(token(late, "Confirm your e-mail"))).isInstanceOf(LinkCheck.Expired.class);
        assertThat(application(late).status()).isEqualTo(ApplicationStatus.UNCONFIRMED);

        signUp.apply(vendor(late));
        assertThat(signUp.confirm(token(late, "Confirm your e-mail"))).as("applying again sends a fresh link")
                .isInstanceOf(LinkCheck.Valid.class);
        assertThat(application(late).status()).isEqualTo(ApplicationStatus.PENDING);
    }

    @Test
    void aRejectionNeedsAReasonWhichTheApplicantReads() {
        String email = address("vendor");
        signUp.apply(vendor(email));
        signUp.confirm(token(email, "Confirm your e-mail"));
        UUID id = application(email).id();

        assertThatThrownBy(() -> review.reject(admin, id, " ")).hasMessageContaining("the reason");
        review.reject(admin, id, "No regulatory clearance for any product yet");

        assertThat(application(email).status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(mail(email, "Your RadRelay application")).hasValueSatisfying(m ->
                assertThat(m.body()).contains("No regulatory clearance for any product yet"));
        assertThatThrownBy(() -> accounts.loadUserByUsername(email)).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void aRadiologistAnswersAQuestionWithANewScanAndIsApprovedWithTheirLicences() throws Exception {
        String email = address("dr");
        signUp.apply(radiologist(email, new LicenceDocument("licence.pdf", PDF)));
        signUp.confirm(token(email, "Confirm your e-mail"));
        UUID id = application(email).id();

        review.askForMore(admin, id, "The scan is cut off at the bottom; please send the whole page.");
        assertThat(application(email).status()).isEqualTo(ApplicationStatus.MORE_INFO);
        String token = token(email, "needs more information");
        assertThat(signUp.awaitingAnswer(token)).hasValueSatisfying(a ->
                assertThat(a.question()).contains("cut off"));
        byte[] whole = (new String(PDF, StandardCharsets.US_ASCII) + "% whole page\n")
                .getBytes(StandardCharsets.US_ASCII);
        signUp.answer(token, "Here is the whole page.", new LicenceDocument("licence-whole.pdf", whole));
        assertThat(application(email).status()).isEqualTo(ApplicationStatus.PENDING);
        try (InputStream in = review.document(admin, id)) {
            assertThat(in.readAllBytes()).isEqualTo(whole);
        }
        assertThat(storedObjectsContaining("% whole page")).as("the scan is encrypted at rest").isEmpty();

        review.approve(admin, id);
        UserSummary user = accounts.byEmail(new EmailAddress(email)).orElseThrow();
        assertThat(user.role()).isEqualTo(Role.RADIOLOGIST);
        assertThat(accounts.profileOf(user.id())).hasValueSatisfying(p -> {
            assertThat(p.licences()).singleElement().satisfies(l -> {
                assertThat(l.region()).isEqualTo("KE-30");
                assertThat(l.issuingAuthority()).isEqualTo("Kenya Medical Practitioners and Dentists Council");
            });
            assertThat(p.modalities()).containsExactly("CR", "CT");
            assertThat(p.mayRead("KE-30", "CT", LocalDate.now(clock))).isTrue();
        });
    }

    @Test
    void aManagerInvitesAnUploaderWhoJoinsOnceThroughTheLink() {
        SignedInUser manager = approvedManager();
        String uploader = address("uploader");
        invitations.invite(manager, uploader, Role.CLINIC_UPLOADER);
        String token = token(uploader, "You are invited");
        assertThat(invitations.describe(token)).hasValueSatisfying(i -> assertThat(i.role())
                .isEqualTo(Role.CLINIC_UPLOADER));

        assertThatThrownBy(() -> invitations.accept(token, "Peter", "short")).hasMessageContaining("12 characters");
        assertThat(invitations.accept(token, "Peter Otieno", PASSWORD)).isInstanceOf(LinkCheck.Valid.class);
        assertThat(invitations.accept(token, "Someone Else", PASSWORD)).isInstanceOf(LinkCheck.Used.class);

        SignedInUser joined = accounts.loadUserByUsername(uploader);
        assertThat(joined.role()).isEqualTo(Role.CLINIC_UPLOADER);
        assertThat(joined.tenant()).isEqualTo(manager.tenant());
        assertThat(invitations.ofOrganisationOf(manager)).singleElement().satisfies(i -> assertThat(i.state())
                .isEqualTo("joined"));
    }

    @Test
    void aWithdrawnInvitationNoLongerOpensAndOnlyItsClinicCanWithdrawIt() {
        SignedInUser manager = approvedManager();
        SignedInUser otherManager = approvedManager();
        String invitee = address("withdrawn");
        invitations.invite(manager, invitee, Role.CLINIC_MANAGER);
        String token = token(invitee, "You are invited");
        UUID id = invitations.ofOrganisationOf(manager).getFirst().id();

        assertThatThrownBy(() -> invitations.withdraw(otherManager, id)).isInstanceOf(IllegalArgumentException.class);
        assertThat(invitations.ofOrganisationOf(otherManager)).isEmpty();
        invitations.withdraw(manager, id);

        assertThat(invitations.check(token)).isInstanceOf(LinkCheck.Withdrawn.class);
        assertThat(invitations.accept(token, "Late Invitee", PASSWORD)).isInstanceOf(LinkCheck.Withdrawn.class);
    }

    @Test
    void anApprovedVendorIsACompanyWhoseStaffInviteAndStopColleagues() {
        String email = address("vendor");
        signUp.apply(vendor(email));
        signUp.confirm(token(email, "Confirm your e-mail"));
        review.approve(admin, application(email).id());
        SignedInUser founder = accounts.loadUserByUsername(email);
        assertThat(founder.role()).isEqualTo(Role.AI_VENDOR);
        assertThat(accounts.vendorOf(founder.id())).hasValueSatisfying(v -> {
            assertThat(v.name()).isEqualTo("Northstar Imaging AI");
            assertThat(v.regulatory()).contains("CE class IIa");
        });
        assertThat(invitations.rolesFor(founder)).containsExactly(Role.AI_VENDOR);
        assertThatThrownBy(() -> invitations.invite(founder, address("x"), Role.CLINIC_UPLOADER))
                .hasMessageContaining("vendor staff only");

        String colleague = address("engineer");
        invitations.invite(founder, colleague, Role.AI_VENDOR);
        assertThat(invitations.describe(token(colleague, "You are invited"))).hasValueSatisfying(i ->
                assertThat(i.organisation()).isEqualTo("Northstar Imaging AI"));
        invitations.accept(token(colleague, "You are invited"), "Ines Berg", PASSWORD);
        SignedInUser engineer = accounts.loadUserByUsername(colleague);
        assertThat(accounts.vendorOf(engineer.id()).map(v -> v.id()))
                .isEqualTo(accounts.vendorOf(founder.id()).map(v -> v.id()));

        SignedInUser stranger = approvedManager();
        assertThatThrownBy(() -> accounts.setEnabled(engineer.id(), false, stranger))
                .as("a clinic manager cannot stop a vendor's staff").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accounts.setEnabled(founder.id(), false, founder))
                .as("no one stops themselves").isInstanceOf(IllegalArgumentException.class);
        assertThat(accounts.setEnabled(engineer.id(), false, founder).enabled()).isFalse();
        assertThat(accounts.loadUserByUsername(colleague).isEnabled()).isFalse();
    }

    @Test
    void aPasswordResetSaysNothingAboutUnknownAddressesAndWorksOnce() {
        SignedInUser manager = approvedManager();
        String unknown = address("nobody");
        resets.request(unknown);
        assertThat(mailbox.to(unknown)).isEmpty();

        resets.request(manager.username());
        String token = token(manager.username(), "Choose a new RadRelay password");
        assertThatThrownBy(() -> resets.reset(token, "too-short")).hasMessageContaining("12 characters");
        assertThat(resets.check(token)).as("a refused password does not spend the link")
                .isInstanceOf(LinkCheck.Valid.class);
        assertThat(resets.reset(token, "a-brand-new-password")).isInstanceOf(LinkCheck.Valid.class);
        assertThat(passwords.matches("a-brand-new-password",
                accounts.loadUserByUsername(manager.username()).getPassword())).isTrue();
        assertThat(resets.reset(token, "yet-another-password")).isInstanceOf(LinkCheck.Used.class);

        resets.request(manager.username());
        resets.request(manager.username());
        resets.request(manager.username());
        assertThat(mailbox.to(manager.username()).stream().filter(m -> m.subject().contains("new RadRelay password")))
                .as("at most three links an hour").hasSize(3);
    }

    @Test
    void licenceWarningsGoOutOncePerThreshold() {
        String email = address("expiring");
        signUp.apply(new SignUp.Radiologist("Dr Expiring Soon", email, "+254 2", List.of(new Licence("KMPDC",
                "KE-30", "KE-EXP-" + email.hashCode(), LocalDate.now(clock).plusDays(20))), Set.of("CT"), Set.of(),
                new LicenceDocument("licence.pdf", PDF), PASSWORD));
        signUp.confirm(token(email, "Confirm your e-mail"));
        review.approve(admin, application(email).id());

        warnings.warnOfExpiringLicences();
        warnings.warnOfExpiringLicences();
        assertThat(warningsTo(email)).singleElement().satisfies(m -> assertThat(m.subject()).contains("20 days"));

        clock.advance(Duration.ofDays(14));
        warnings.warnOfExpiringLicences();
        assertThat(warningsTo(email)).extracting(CapturedMail::subject).hasSize(2)
                .anySatisfy(subject -> assertThat(subject).endsWith("expires in 6 days"));
    }

    private List<CapturedMail> warningsTo(String email) {
        return mailbox.to(email).stream().filter(m -> m.subject().startsWith("Licence ")).toList();
    }

    private SignedInUser approvedManager() {
        String email = address("mgr");
        signUp.apply(clinic(email, "Clinic " + email.substring(0, 8)));
        signUp.confirm(token(email, "Confirm your e-mail"));
        review.approve(admin, application(email).id());
        return accounts.loadUserByUsername(email);
    }

    private ApplicationSummary application(String email) {
        return Stream.concat(review.open(admin).stream(), review.decided(admin).stream())
                .filter(a -> a.email().equals(email)).findFirst().orElseThrow();
    }

    private java.util.Optional<CapturedMail> mail(String to, String subject) {
        return mailbox.to(to).stream().filter(m -> m.subject().contains(subject)).findFirst();
    }

    private String token(String to, String subject) {
        CapturedMail mail = mail(to, subject).orElseThrow(() -> new AssertionError("no mail '" + subject + "' to " + to
                + " in " + mailbox.to(to)));
        Matcher m = TOKEN.matcher(mail.body());
        assertThat(m.find()).as("a link in " + mail.body()).isTrue();
        return m.group(1);
    }

    static String address(String who) {
        return who + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "@example.org";
    }

    static SignUp.Clinic clinic(String email, String name) {
        return new SignUp.Clinic(name, "ke", "ke-30", "Market road 4, Kisumu", "+254 700 000 000", 120,
                "Amina Wanjiru", email, PASSWORD);
    }

    static SignUp.Vendor vendor(String email) {
        return new SignUp.Vendor("Northstar Imaging AI", "Jonas Berg", email, "+46 8 000 000", "SE",
                "CE class IIa under MDR for chest X-ray triage", PASSWORD);
    }

    static SignUp.Radiologist radiologist(String email, LicenceDocument document) {
        return new SignUp.Radiologist("Dr Achieng Odhiambo", email, "+254 711 000 000", List.of(new Licence(
                "Kenya Medical Practitioners and Dentists Council", "ke-30", "KMPDC-" + email.hashCode(),
                LocalDate.now().plusYears(1))), Set.of("ct", "CR"), Set.of("chest"), document, PASSWORD);
    }

    private static byte[] oversizedPdf() {
        byte[] big = new byte[LicenceDocument.MAX_BYTES + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        return big;
    }

    private static List<Path> storedObjectsContaining(String text) throws Exception {
        Path root = Path.of("target/test-objects");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text);
                } catch (Exception e) {
                    return false;
                }
            }).toList();
        }
    }
}
