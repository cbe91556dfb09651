package com.radrelay.archive;

import org.jspecify.annotations.Nullable;

/** The device that made an image, as its data set names it (Manufacturer, Manufacturer's Model Name). */
public record Equipment(@Nullable String manufacturer, @Nullable String model) {
}
