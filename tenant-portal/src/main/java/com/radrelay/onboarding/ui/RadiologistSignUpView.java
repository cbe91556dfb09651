package com.radrelay.onboarding.ui;

import com.radrelay.mail.MailUnavailable;
import com.radrelay.onboarding.SignUp;
import com.radrelay.onboarding.SigningUp;
import com.radrelay.security.Licence;
import com.radrelay.workflow.Subspecialties;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.ArrayList;
import java.util.List;

/** A radiologist applies with their licences (one row each), what they report, and a scan of a licence. */
@Route(value = "join/radiologist", autoLayout = false)
@PageTitle("A radiologist joins RadRelay")
@AnonymousAllowed
class RadiologistSignUpView extends PublicPage {

    static final List<String> MODALITIES = List.of("CR", "DX", "CT", "MR", "US", "MG", "NM", "PT", "XA", "RF", "XC");

    private final VerticalLayout licenceRows = new VerticalLayout();
    private final List<LicenceRow> licences = new ArrayList<>();

    private record LicenceRow(TextField authority, TextField region, TextField number, DatePicker until,
            HorizontalLayout row) {

        Licence toLicence() {
            if (until.getValue() == null) {
                throw new IllegalArgumentException("enter the date each licence is valid until");
            }
            return new Licence(authority.getValue(), region.getValue(), number.getValue(), until.getValue());
        }
    }

    RadiologistSignUpView(SigningUp signUp) {
        super("A radiologist joins RadRelay");
        TextField name = ClinicSignUpView.field("Full name as on your licence", "rr-full-name");
        TextField phone = ClinicSignUpView.field("Phone", "rr-phone");
        CheckboxGroup<String> modalities = new CheckboxGroup<>("Modalities you report", MODALITIES);
        modalities.setId("rr-modalities");
        CheckboxGroup<String> subspecialties = new CheckboxGroup<>("Subspecialties", Subspecialties.ALL);
        subspecialties.setId("rr-subspecialties");
        licenceRows.setPadding(false);
        addLicenceRow();
        Button another = new Button("Add another licence", e -> addLicenceRow());
        LicenceUpload scan = new LicenceUpload(this::fail, this::clearError);
        AccountFields account = new AccountFields();
        Button apply = new Button("Apply", e -> {
            try {
                signUp.apply(new SignUp.Radiologist(name.getValue(), account.email.getValue(), phone.getValue(),
                        licences.stream().map(LicenceRow::toLicence).toList(), modalities.getValue(),
                        subspecialties.getValue(), scan.document(), account.password.value()));
                done("Check your inbox at " + account.email.getValue().strip() + ": we sent a link to confirm the "
                        + "address. An administrator then checks your licences with their issuing authorities.",
                        new Anchor("", "Back to RadRelay"));
            } catch (IllegalArgumentException | MailUnavailable ex) {
                fail(Messages.sentence(ex));
            }
        });
        apply.setId("rr-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show(new FormLayout(name, phone), new H3("Licences"), licenceRows, another,
                new Paragraph("A scan or photo of one licence (PDF, JPEG or PNG, up to 10 MB). It is stored "
                        + "encrypted and read only by RadRelay's administrators."), scan.upload,
                new H3("What you report"), modalities, subspecialties, new H3("Your account"),
                account.addTo(new FormLayout()), apply);
    }

    private void addLicenceRow() {
        int n = licences.size() + 1;
        TextField authority = ClinicSignUpView.field("Issuing authority", "rr-licence-authority-" + n);
        TextField region = ClinicSignUpView.field("Region", "rr-licence-region-" + n);
        region.setHelperText("ISO 3166-2, e.g. KE-30");
        region.setWidth("8rem");
        TextField number = ClinicSignUpView.field("Licence number", "rr-licence-number-" + n);
        DatePicker until = new DatePicker("Valid until");
        until.setId("rr-licence-until-" + n);
        HorizontalLayout row = new HorizontalLayout(authority, region, number, until);
        row.setWrap(true);
        LicenceRow licence = new LicenceRow(authority, region, number, until, row);
        if (n > 1) {
            row.add(new Button("Remove", e -> {
                licences.remove(licence);
                licenceRows.remove(row);
            }));
        }
        licences.add(licence);
        licenceRows.add(row);
    }
}
