/** How instances' attributes are encoded for the index and split into study and series levels. */
@NullMarked
package com.radrelay.archive.index;

import org.jspecify.annotations.NullMarked;
