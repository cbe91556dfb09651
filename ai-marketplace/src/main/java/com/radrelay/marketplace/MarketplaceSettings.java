package com.radrelay.marketplace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Limits on what a vendor may upload: the whole package as sent, and the ONNX file once unpacked. */
@ConfigurationProperties("radrelay.marketplace")
public record MarketplaceSettings(@DefaultValue("300MB") DataSize maxPackageSize,
        @DefaultValue("250MB") DataSize maxModelSize) {
}
