package com.radrelay.security;

/** What a clinic says about one radiologist reading its studies. */
public enum ReaderPreference {
    /** Sees the clinic's studies ahead of other studies of the same priority. */
    PREFERRED,
    /** Never sees the clinic's studies, whatever their licences. */
    EXCLUDED
}
