package com.radrelay.demo;

import com.radrelay.mail.CapturedMail;
import com.radrelay.mail.EmbeddedMailbox;
import com.radrelay.onboarding.LicenceDocument;
import com.radrelay.onboarding.SignUp;
import com.radrelay.onboarding.SigningUp;
import com.radrelay.security.EmailAddress;
import com.radrelay.security.Licence;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One application of each kind waiting in the administrator's queue, made through the public sign-up and confirmed
 * through the link in the captured e-mail, as a person would.
 */
@Component
@Profile("demo")
@Order(1)
class DemoApplications implements ApplicationRunner {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
    private static final String KMPDC = "Kenya Medical Practitioners and Dentists Council";

    private final SigningUp signUp;
    private final ObjectProvider<EmbeddedMailbox> mailbox;

    DemoApplications(SigningUp signUp, ObjectProvider<EmbeddedMailbox> mailbox) {
        this.signUp = signUp;
        this.mailbox = mailbox;
    }

    @Override
    public void run(ApplicationArguments args) {
        apply(new SignUp.Clinic("Hillside Community Clinic", "KE", "KE-30", "Ring Road 12, Kisumu",
                "+254 700 123 456", 80, "Joseph Mwangi", "joseph.mwangi@hillside.example", DemoData.PASSWORD));
        LocalDate until = LocalDate.now().plusYears(1).withDayOfYear(1);
        apply(new SignUp.Radiologist("Dr Achieng Odhiambo", "achieng.odhiambo@example.org", "+254 711 222 333",
                List.of(new Licence(KMPDC, "KE-30", "KMPDC-R-4471", until)), Set.of("CT", "CR", "MR"),
                Set.of("neuro"), licenceScan("Dr Achieng Odhiambo", "KMPDC-R-4471", until), DemoData.PASSWORD));
        apply(new SignUp.Vendor("Northstar Imaging AI", "Jonas Berg", "jonas.berg@northstar.example",
                "+46 8 123 456", "SE", "CE class IIa under MDR (chest X-ray triage); no FDA clearance yet",
                DemoData.PASSWORD));
    }

    private void apply(SignUp form) {
        if (signUp.known(new EmailAddress(form.email()))) {
            return;
        }
        signUp.apply(form);
        EmbeddedMailbox box = mailbox.getIfAvailable();
        if (box == null) {
            return;
        }
        box.to(form.email()).stream().map(CapturedMail::body).map(TOKEN::matcher).filter(Matcher::find)
                .findFirst().ifPresent(m -> signUp.confirm(m.group(1)));
    }

    private static LicenceDocument licenceScan(String holder, String number, LocalDate until) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(pdf, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 16);
                text.newLineAtOffset(72, 700);
                text.showText(KMPDC);
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                for (String line : List.of("Annual practising licence (demonstration document)",
                        "Holder: " + holder, "Licence number: " + number, "Specialty: Radiology",
                        "Valid until: " + until)) {
                    text.newLineAtOffset(0, -24);
                    text.showText(line);
                }
                text.endText();
            }
            pdf.save(out);
            return new LicenceDocument("licence-" + number + ".pdf", out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
