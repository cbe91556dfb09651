package com.radrelay.clinic.ui;

import com.radrelay.tenancy.ClinicProfile;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The clinic manager edits the clinic's profile; the region stays with the platform, as licences depend on it. */
class ClinicProfileForm extends Composite<VerticalLayout> {

    private static final List<String> LANGUAGES = List.of("en", "fr", "sw", "es", "pt", "ar", "de", "am", "so");

    ClinicProfileForm(TenantDirectory clinics, Tenant clinic) {
        ClinicProfile current = clinic.profile();
        TextField name = new TextField("Name");
        name.setId("rr-profile-name");
        name.setValue(current.name());
        TextArea address = new TextArea("Address");
        address.setValue(DicomText.orEmpty(current.address()));
        TextField contact = new TextField("Contact person");
        contact.setValue(DicomText.orEmpty(current.contactName()));
        TextField phone = new TextField("Contact phone");
        phone.setValue(DicomText.orEmpty(current.contactPhone()));
        EmailField email = new EmailField("Contact e-mail");
        email.setValue(DicomText.orEmpty(current.contactEmail()));
        Select<String> priority = new Select<>("ROUTINE", "URGENT", "STAT");
        priority.setId("rr-profile-priority");
        priority.setLabel("Priority of new studies");
        priority.setHelperText("Unless a request for the study says otherwise");
        priority.setItemLabelGenerator(p -> p.charAt(0) + p.substring(1).toLowerCase(Locale.ROOT));
        priority.setValue(current.defaultPriority());
        MultiSelectComboBox<String> languages = new MultiSelectComboBox<>("Report languages");
        List<String> offered = new ArrayList<>(LANGUAGES);
        current.languages().stream().filter(l -> !offered.contains(l)).forEach(offered::add);
        languages.setItems(offered);
        languages.setItemLabelGenerator(code -> Locale.of(code).getDisplayLanguage(Locale.ENGLISH) + " (" + code + ")");
        languages.setValue(current.languages());
        Button save = new Button("Save the profile", e -> {
            try {
                clinics.updateProfile(clinic.id(), new ClinicProfile(name.getValue(), address.getValue(),
                        contact.getValue(), phone.getValue(), email.getValue(), priority.getValue(),
                        offered.stream().filter(languages.getValue()::contains).toList()));
                Notification.show("Profile saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (IllegalArgumentException ex) {
                Notification.show(ex.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        save.setId("rr-profile-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getContent().setPadding(false);
        getContent().add(new FormLayout(name, contact, phone, email, address, priority, languages), save);
    }
}
