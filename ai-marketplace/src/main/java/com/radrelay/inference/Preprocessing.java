package com.radrelay.inference;

import com.radrelay.archive.PixelPlane;

/** A decoded frame to the model's input plane: values as the input contract asks, resized bilinearly. */
final class Preprocessing {

    private Preprocessing() {
    }

    static float[] plane(PixelPlane pixels, Recipe.Input input) {
        float[] values = switch (input.values()) {
            case MODALITY -> pixels.values();
            case WINDOW -> window(pixels, input);
            case MIN_MAX -> minMax(pixels);
        };
        return resize(values, pixels.rows(), pixels.columns(), input.height(), input.width());
    }

    private static float[] window(PixelPlane pixels, Recipe.Input input) {
        double center;
        double width;
        if (input.windowCenter() != null && input.windowWidth() != null) {
            center = input.windowCenter();
            width = input.windowWidth();
        } else if (pixels.window() != null) {
            center = pixels.window().center();
            width = pixels.window().width();
        } else {
            return minMax(pixels);
        }
        // PS3.3 C.11.2.1.2.1, linear function, scaled to 0..1.
        float[] out = new float[pixels.values().length];
        for (int i = 0; i < out.length; i++) {
            double v = (pixels.values()[i] - (center - 0.5)) / (width - 1) + 0.5;
            out[i] = orient((float) Math.max(0, Math.min(1, v)), pixels.inverted());
        }
        return out;
    }

    private static float[] minMax(PixelPlane pixels) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : pixels.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max > min ? max - min : 1;
        float[] out = new float[pixels.values().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = orient((pixels.values()[i] - min) / range, pixels.inverted());
        }
        return out;
    }

    private static float orient(float v, boolean inverted) {
        return inverted ? 1 - v : v;
    }

    /** Bilinear resampling with pixel centres aligned, as image libraries resize. */
    static float[] resize(float[] in, int rows, int columns, int height, int width) {
        if (rows == height && columns == width) {
            return in;
        }
        float[] out = new float[height * width];
        double sy = (double) rows / height;
        double sx = (double) columns / width;
        for (int y = 0; y < height; y++) {
            double fy = Math.max(0, Math.min(rows - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(rows - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < width; x++) {
                double fx = Math.max(0, Math.min(columns - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(columns - 1, x0 + 1);
                double wx = fx - x0;
                double top = in[y0 * columns + x0] * (1 - wx) + in[y0 * columns + x1] * wx;
                double bottom = in[y1 * columns + x0] * (1 - wx) + in[y1 * columns + x1] * wx;
                out[y * width + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
        return out;
    }
}
