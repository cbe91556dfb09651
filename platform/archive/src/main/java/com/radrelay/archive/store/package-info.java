/** An arriving instance: parsed while it streams into its object, then checked. */
@NullMarked
package com.radrelay.archive.store;

import org.jspecify.annotations.NullMarked;
