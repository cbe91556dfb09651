package com.radrelay.inference.spi;

/** One model version as Triton would load it: {@code <name>/config.pbtxt} and {@code <name>/<version>/model.onnx}. */
public record ModelFiles(String name, String version, String configText, byte[] onnx) {
}
