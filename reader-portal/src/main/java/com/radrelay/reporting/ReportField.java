package com.radrelay.reporting;

/** A structured field of a report as signed: its code and label, and the chosen value's code and text. */
public record ReportField(String code, String label, String value, String text) {
}
