/**
 * Runs AI models on studies: a KServe v2 (Triton) gRPC client, Triton's model configuration, and the study pipeline
 * from pixels to findings, a DICOM SR and {@code AiResultReady}. Models enter only through {@code inference.spi}.
 */
@ApplicationModule(allowedDependencies = {"tenancy", "archive", "workflow", "audit"})
@NullMarked
package com.radrelay.inference;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
