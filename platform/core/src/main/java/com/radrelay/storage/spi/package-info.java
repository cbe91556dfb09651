/** How object storage is plugged in: a provider per URI scheme opens a store of named, durable blobs. */
@NamedInterface("spi")
@NullMarked
package com.radrelay.storage.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
