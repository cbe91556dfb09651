package com.radrelay.ingest.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on one STOW-RS request, so that no single body can take the memory or the processor every clinic shares.
 *
 * @param maxParts the most instances one request may hold (each part is answered, so each costs memory until then)
 * @param maxInflationRatio a gzip body expanding to more than this many times its size is refused as a bomb
 * @param maxInflated a gzip body expanding to more than this in total is refused
 * @param maxBody a body longer than this (as sent, before any inflation) is refused with 413; the parts before the
 *     limit are stored and answered
 */
@ConfigurationProperties("radrelay.ingest.stow")
public record StowSettings(@DefaultValue("100000") int maxParts, @DefaultValue("100") int maxInflationRatio,
        @DefaultValue("64GB") DataSize maxInflated, @DefaultValue("64GB") DataSize maxBody) {
}
