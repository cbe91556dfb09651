package com.radrelay.reporting;

/** What the signing radiologist says of one AI model version's result for the study. */
public record AiVerdict(String model, String version, boolean agreed) {
}
