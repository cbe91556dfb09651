package com.radrelay.onboarding;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long each kind of e-mailed link stays valid, and when licence holders are warned before expiry. */
@ConfigurationProperties("radrelay.onboarding")
record OnboardingSettings(@DefaultValue("P1D") Duration confirmLinkValidFor,
        @DefaultValue("P14D") Duration answerLinkValidFor,
        @DefaultValue("P7D") Duration invitationValidFor,
        @DefaultValue("PT1H") Duration resetLinkValidFor,
        @DefaultValue("3") int resetLinksPerHour,
        @DefaultValue({"30", "7"}) List<Integer> licenceWarningDays,
        @DefaultValue("PT6H") Duration licenceCheckEvery) {
}
