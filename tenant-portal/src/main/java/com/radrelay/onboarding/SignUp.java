package com.radrelay.onboarding;

import com.radrelay.security.Licence;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What each kind of applicant fills in on the public sign-up page. */
public sealed interface SignUp {

    String email();

    String password();

    /** A clinic and its first manager's account. */
    record Clinic(String clinicName, String country, String region, String address, String phone,
            int expectedStudiesPerMonth, String managerName, String email, String password) implements SignUp {
    }

    /** A radiologist, their licences and a scan of one licence document. */
    record Radiologist(String fullName, String email, String phone, List<Licence> licences, Set<String> modalities,
            Set<String> subspecialties, @Nullable LicenceDocument document, String password) implements SignUp {
    }

    /** An AI vendor company and its contact's account. */
    record Vendor(String company, String contactName, String email, String phone, String country,
            String regulatoryInformation, String password) implements SignUp {
    }
}
