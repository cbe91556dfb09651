package com.radrelay.archive;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * One frame's pixels as numbers a model can take: modality values (stored values through Rescale Slope and
 * Intercept, so Hounsfield units for CT), one per pixel, row by row; colour frames as their luminance. The window
 * is the first one the data set recommends, if any.
 */
public record PixelPlane(int rows, int columns, float[] values, @Nullable Window window, boolean inverted) {

    public PixelPlane {
        if (values.length != rows * columns) {
            throw new IllegalArgumentException(values.length + " values for " + rows + "x" + columns);
        }
    }

    /** Takes the frames of an instance one after the other. */
    @FunctionalInterface
    public interface Consumer {
        void accept(PixelPlane frame) throws IOException;
    }

    /** Window Center and Width (PS3.3 C.11.2.1.2), in modality values. */
    public record Window(double center, double width) {
    }
}
