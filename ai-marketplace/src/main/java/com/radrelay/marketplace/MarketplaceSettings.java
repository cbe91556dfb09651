package com.radrelay.marketplace;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
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
 * @param operationWindow how far back a version's recent runs reach when its failures and latency are judged
 * @param operationMinRuns how many recent runs a version needs before it is judged
 * @param failureAlertAbove the share of failed recent runs above which the vendor and administrators are told
 * @param latencyAlertAbove the 95th percentile of recent run times above which they are told
 * @param tritonRepository where approved versions are also written, unencrypted, in Triton's repository layout
 *     ({@code s3://bucket/models} or {@code file:///srv/models}), for a production Triton to load them from; none:
 *     the embedded server reads them from the encrypted store
 */
@ConfigurationProperties("radrelay.marketplace")
public record MarketplaceSettings(@DefaultValue("300MB") DataSize maxPackageSize,
        @DefaultValue("250MB") DataSize maxModelSize, @DefaultValue("0.7") double agreementAlertBelow,
        @DefaultValue("10") int agreementMinReviews, @DefaultValue("10m") Duration agreementCheckEvery,
        @DefaultValue("24h") Duration operationWindow, @DefaultValue("10") int operationMinRuns,
        @DefaultValue("0.2") double failureAlertAbove, @DefaultValue("60s") Duration latencyAlertAbove,
        @Nullable URI tritonRepository) {
}
