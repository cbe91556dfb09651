/** The demo models: packages built from this source, published by the demo data like any vendor's upload. */
@NamedInterface("demo-models")
@NullMarked
package com.radrelay.marketplace.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
