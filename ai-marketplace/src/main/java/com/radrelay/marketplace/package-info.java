/**
 * The AI marketplace: vendors publish model versions, a platform administrator approves them, clinics subscribe
 * with routing rules; approved versions are handed to inference through its SPI, and written in Triton's repository
 * layout where a production Triton reads them (through the storage providers' SPI).
 */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "shell", "storage", "storage :: spi", "audit", "mail",
    "workflow", "inference", "inference :: spi"})
@NullMarked
package com.radrelay.marketplace;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
