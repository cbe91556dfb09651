/** How a model reaches the inference server: the marketplace hands over approved versions, nothing else does. */
@NamedInterface("spi")
@NullMarked
package com.radrelay.inference.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
