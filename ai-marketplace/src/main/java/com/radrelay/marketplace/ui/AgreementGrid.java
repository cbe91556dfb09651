package com.radrelay.marketplace.ui;

import com.radrelay.marketplace.Agreement;
import com.radrelay.marketplace.MarketplaceSettings;
import com.vaadin.flow.component.grid.Grid;
import java.util.List;
import java.util.Locale;

/** Real-world agreement per model version and subgroup, with the subgroups low enough to be alerted marked. */
final class AgreementGrid extends Grid<Agreement> {

    AgreementGrid(MarketplaceSettings settings) {
        setId("rr-agreement");
        addColumn(Agreement::model).setHeader("Model").setAutoWidth(true);
        addColumn(Agreement::version).setHeader("Version").setAutoWidth(true);
        addColumn(Agreement::dimension).setHeader("Subgroup by").setAutoWidth(true);
        addColumn(Agreement::subgroup).setHeader("Subgroup").setAutoWidth(true);
        addColumn(Agreement::reviewed).setHeader("Reviewed").setAutoWidth(true);
        addColumn(a -> String.format(Locale.ROOT, "%.0f %%", 100 * a.rate())).setHeader("Radiologists agreed")
                .setAutoWidth(true);
        addColumn(a -> a.belowAlert(settings) ? "below " + String.format(Locale.ROOT, "%.0f %%",
                100 * settings.agreementAlertBelow()) : "").setHeader("").setAutoWidth(true);
        setAllRowsVisible(true);
    }

    void show(List<Agreement> rows) {
        setItems(rows);
    }
}
