/** The local-folder storage provider. */
@NullMarked
package com.radrelay.storage.file;

import org.jspecify.annotations.NullMarked;
