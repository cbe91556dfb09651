package com.radrelay.marketplace;

/**
 * How often the signing radiologists agreed with one model version in one subgroup ({@code dimension} "sex",
 * {@code subgroup} "F"); "all"/"all" is the version as a whole.
 */
public record Agreement(String model, String version, String dimension, String subgroup, long reviewed,
        long agreed) {

    public double rate() {
        return reviewed == 0 ? 0 : (double) agreed / reviewed;
    }

    /** Below the threshold with enough reviews to mean something. */
    public boolean belowAlert(MarketplaceSettings settings) {
        return reviewed >= settings.agreementMinReviews() && rate() < settings.agreementAlertBelow();
    }
}
