package com.radrelay.marketplace;

import com.radrelay.mail.Letter;
import com.radrelay.mail.Mail;
import com.radrelay.security.EmailAddress;
import com.radrelay.security.Role;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.UserSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Who hears about a model's trouble: its vendor's active people and every active platform administrator. */
@Component
class VendorAndAdministrators {

    private final ModelCatalogue catalogue;
    private final UserAccounts accounts;
    private final Mail mail;

    VendorAndAdministrators(ModelCatalogue catalogue, UserAccounts accounts, Mail mail) {
        this.catalogue = catalogue;
        this.accounts = accounts;
        this.mail = mail;
    }

    void tell(String model, String subject, String body) {
        List<EmailAddress> to = new ArrayList<>();
        catalogue.vendorOf(model).ifPresent(v -> accounts.ofVendor(v).stream().filter(UserSummary::enabled)
                .map(UserSummary::email).filter(Objects::nonNull).map(EmailAddress::new).forEach(to::add));
        accounts.withRole(Role.PLATFORM_ADMIN).stream().filter(UserSummary::enabled).map(UserSummary::email)
                .filter(Objects::nonNull).map(EmailAddress::new).forEach(to::add);
        for (EmailAddress address : to) {
            mail.send(new Letter(address, subject, body));
        }
    }

    /** A link for the message: the vendor's page, where each version's figures are. */
    String vendorPage() {
        return mail.link("/vendor").toString();
    }
}
