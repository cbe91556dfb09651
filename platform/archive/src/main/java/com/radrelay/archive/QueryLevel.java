package com.radrelay.archive;

/** The information-model levels searches run at (Study Root). */
public enum QueryLevel { STUDY, SERIES, IMAGE }
