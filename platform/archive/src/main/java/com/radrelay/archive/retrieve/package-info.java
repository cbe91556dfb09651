/** Pixel data decoders the archive uses when a requester cannot take an instance as stored. */
@NullMarked
package com.radrelay.archive.retrieve;

import org.jspecify.annotations.NullMarked;
