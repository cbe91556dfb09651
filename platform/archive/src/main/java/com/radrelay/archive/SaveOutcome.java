package com.radrelay.archive;

/** What saving an instance into the index did. */
sealed interface SaveOutcome {

    /** A new instance of the study {@code studyPk}. */
    record Inserted(long studyPk) implements SaveOutcome {
    }

    /** The instance replaced an earlier copy, whose object can now be deleted. */
    record Replaced(String previousObjectKey, long studyPk) implements SaveOutcome {
    }

    /** Another copy of the instance is already indexed and the policy keeps the first. */
    record KeptExisting() implements SaveOutcome {
    }

    /** The instance contradicts what is indexed (its series belongs to another study, say). */
    record Conflict(String reason) implements SaveOutcome {
    }
}
