package com.radrelay.clinic;

/** Where a study is on its journey, as its clinic sees it. Later steps appear as the modules producing them land. */
public enum StudyStatus {
    RECEIVED("received"),
    AI_RUNNING("AI running"),
    AI_DONE("AI done"),
    AI_FAILED("AI failed"),
    AWAITING_READ("awaiting read"),
    IN_READ("in read"),
    SIGNED("signed"),
    DELIVERED("delivered");

    private final String words;

    StudyStatus(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
