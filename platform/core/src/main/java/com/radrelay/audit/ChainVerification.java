package com.radrelay.audit;

/** The result of re-computing the audit chain from its first row. */
public sealed interface ChainVerification {

    record Intact(long rows) implements ChainVerification {
    }

    /** The first row whose stored hash or link does not match what its content and predecessor give. */
    record Broken(long seq, String reason) implements ChainVerification {
    }
}
