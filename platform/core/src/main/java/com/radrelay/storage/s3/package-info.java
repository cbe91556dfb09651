/** The S3 storage provider (AWS S3 or any S3-compatible service). */
@NullMarked
package com.radrelay.storage.s3;

import org.jspecify.annotations.NullMarked;
