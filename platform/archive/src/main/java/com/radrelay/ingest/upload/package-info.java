/** Resumable browser uploads (tus): files, folders and zip archives, checked and stored through the archive. */
@NullMarked
package com.radrelay.ingest.upload;

import org.jspecify.annotations.NullMarked;
