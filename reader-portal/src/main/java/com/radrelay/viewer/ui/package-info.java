/** The viewer component, which the reading page embeds. */
@NamedInterface("ui")
@NullMarked
package com.radrelay.viewer.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
