package com.radrelay.workflow;

/** How soon a study must be read, least urgent first: STAT before urgent before routine. */
public enum Priority {
    ROUTINE, URGENT, STAT
}
