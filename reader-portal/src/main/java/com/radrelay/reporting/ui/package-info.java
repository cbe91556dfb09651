/** The reading page: the claimed study, its report, sign-off. */
@NullMarked
package com.radrelay.reporting.ui;

import org.jspecify.annotations.NullMarked;
