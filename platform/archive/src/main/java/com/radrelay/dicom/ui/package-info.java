/** The clinic manager's DICOM network page. */
@NullMarked
package com.radrelay.dicom.ui;

import org.jspecify.annotations.NullMarked;
