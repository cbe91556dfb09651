package com.radrelay.reporting;

/** What asking to sign a report gave. */
public sealed interface SignResult {

    record Signed(Report report) implements SignResult {
    }

    /** The password given was not the reader's: nothing was signed. */
    record NeedsReauthentication() implements SignResult {
    }

    /** The reader no longer holds the study (another radiologist took it over): nothing was signed. */
    record ClaimLost() implements SignResult {
    }

    /** Something the signed report must have is missing. */
    record Incomplete(String message) implements SignResult {
    }
}
