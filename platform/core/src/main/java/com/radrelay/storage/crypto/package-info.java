/** Per-tenant envelope encryption of objects: data keys wrapped by the master key, sealed segments. */
@NullMarked
package com.radrelay.storage.crypto;

import org.jspecify.annotations.NullMarked;
