package com.radrelay.dicom;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.OutputStream;
import java.util.Map;

/** DICOM JSON output (PS3.18 F.2) for the DICOMweb answers. */
public final class DicomJson {

    // Json.createGenerator looks the provider up with a ServiceLoader scan of the class path on every call.
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private DicomJson() {
    }

    public static JsonGenerator generator(OutputStream out) {
        return GENERATORS.createGenerator(out);
    }
}
