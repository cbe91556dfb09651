package com.radrelay.archive.query;

/** The information-model levels queries run at (Study Root). */
public enum QueryLevel { STUDY, SERIES, IMAGE }
