package com.radrelay.marketplace;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a vendor may upload (the whole package as sent, the ONNX file once unpacked), and when a model's
 * real-world agreement in a subgroup is low enough to alert its vendor and the administrators.
 *
 * @param agreementAlertBelow the share of agreeing reviews under which a subgroup is alerted
 * @param agreementMinReviews how many reviews a subgroup needs before it is judged
 * @param agreementCheckEvery how often subgroups are checked
 */
@ConfigurationProperties("radrelay.marketplace")
public record MarketplaceSettings(@DefaultValue("300MB") DataSize maxPackageSize,
        @DefaultValue("250MB") DataSize maxModelSize, @DefaultValue("0.7") double agreementAlertBelow,
        @DefaultValue("10") int agreementMinReviews, @DefaultValue("10m") Duration agreementCheckEvery) {
}
