package com.radrelay.worklist;

/** What asking for a study gave. */
public sealed interface ClaimResult {

    record Claimed(Claim claim) implements ClaimResult {
    }

    /** Another radiologist holds it. */
    record HeldByAnother(String by) implements ClaimResult {
    }

    /** Not a study this radiologist may read (licence, modality), or not one waiting for a reader. */
    record NotOffered() implements ClaimResult {
    }
}
