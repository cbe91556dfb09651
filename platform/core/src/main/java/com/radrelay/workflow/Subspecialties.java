package com.radrelay.workflow;

import java.util.List;

/** The subspecialties radiologists declare and clinics may ask for, in the words both use. */
public final class Subspecialties {

    public static final List<String> ALL = List.of("neuro", "chest", "musculoskeletal", "abdominal", "breast",
            "paediatric", "cardiac", "head and neck", "interventional");

    private Subspecialties() {
    }
}
