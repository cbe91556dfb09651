package com.radrelay.onboarding;

import java.util.UUID;

/** What a link from an e-mail turned out to be. */
public sealed interface LinkCheck {

    record Valid(UUID subject) implements LinkCheck {
    }

    record Expired() implements LinkCheck {
    }

    record Used() implements LinkCheck {
    }

    record Unknown() implements LinkCheck {
    }

    /** The invitation behind the link was withdrawn by the person who sent it. */
    record Withdrawn() implements LinkCheck {
    }

    /** What to tell the person who followed a link that does not open. */
    public static String explain(LinkCheck check) {
        return switch (check) {
            case Valid v -> "";
            case Expired e -> "This link has expired. Ask for a new one.";
            case Used u -> "This link has been used already. Each link works once.";
            case Unknown u -> "This link is not valid. Check that it was copied whole from the e-mail.";
            case Withdrawn w -> "This invitation has been withdrawn. Ask your clinic's manager for a new one.";
        };
    }
}
