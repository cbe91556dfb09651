package com.radrelay.marketplace.ui;

import com.radrelay.marketplace.MarketplaceSettings;
import com.radrelay.marketplace.ModelCatalogue;
import com.radrelay.marketplace.ModelVersion;
import com.radrelay.marketplace.Publication;
import com.radrelay.security.Roles;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.Vendor;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.server.streams.UploadMetadata;
import jakarta.annotation.security.RolesAllowed;
import java.io.File;
import java.math.BigDecimal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The AI vendor's page: publish a model version, follow each version from upload to approval, and see how it runs
 * across clinics (studies read, failures, time per study) and what it has earned at its list price.
 */
@Route("vendor")
@PageTitle("Vendor · RadRelay")
@Menu(order = 10, icon = "vaadin:cubes", title = "Models")
@RolesAllowed(Roles.AI_VENDOR)
class VendorHomeView extends Composite<VerticalLayout> {

    private final ModelCatalogue catalogue;
    private final SignedInUser me = UserAccounts.current().orElseThrow();
    private final Vendor vendor;
    private final UI ui = UI.getCurrent();
    private final Div outcome = new Div();
    private final Grid<ModelVersion> versions = new Grid<>();
    private Map<String, ModelCatalogue.Usage> usage = Map.of();
    private final AgreementGrid agreement;

    VendorHomeView(UserAccounts accounts, ModelCatalogue catalogue, MarketplaceSettings settings) {
        this.catalogue = catalogue;
        this.vendor = accounts.vendorOf(me.id()).orElseThrow();
        this.agreement = new AgreementGrid(settings);
        H2 title = new H2(vendor.name());
        title.setId("rr-view-title");
        outcome.setId("rr-publish-outcome");

        Upload upload = new Upload(UploadHandler.toTempFile(this::received));
        upload.setId("rr-model-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, settings.maxPackageSize().toBytes()));
        upload.setAcceptedFileExtensions(".zip");
        upload.setUploadButton(new Button("Choose a model package (.zip)"));
        upload.addFileRejectedListener(e -> problems(List.of(e.getErrorMessage().toLowerCase().contains("big")
                ? "The package is larger than " + settings.maxPackageSize().toMegabytes() + " MB."
                : "A model package is one .zip file.")));

        versions.setId("rr-model-versions");
        versions.addColumn(ModelVersion::model).setHeader("Model").setAutoWidth(true);
        versions.addColumn(ModelVersion::version).setHeader("Version").setAutoWidth(true);
        versions.addColumn(ModelVersion::title).setHeader("Title").setFlexGrow(1);
        versions.addColumn(v -> v.status().name().toLowerCase()).setHeader("State").setAutoWidth(true);
        versions.addColumn(v -> v.decisionNote() == null ? "" : v.decisionNote()).setHeader("Administrator's note")
                .setFlexGrow(1);
        versions.addColumn(v -> usageOf(v).runs()).setHeader("Studies").setAutoWidth(true);
        versions.addColumn(v -> usageOf(v).runs() == 0 ? "" : String.format(Locale.ROOT, "%.1f %%",
                100.0 * usageOf(v).failed() / usageOf(v).runs())).setHeader("Failed").setAutoWidth(true);
        versions.addColumn(v -> usageOf(v).runs() == 0 ? "" : String.format(Locale.ROOT, "%.2f s / %.2f s",
                usageOf(v).medianSeconds(), usageOf(v).p95Seconds())).setHeader("Time per study (median / p95)")
                .setAutoWidth(true);
        versions.addColumn(v -> v.price().multiply(BigDecimal.valueOf(usageOf(v).completed())).stripTrailingZeros()
                .toPlainString() + " " + v.currency()).setHeader("Billed at list price").setAutoWidth(true);
        versions.setAllRowsVisible(true);
        refresh();

        getContent().add(title, new Paragraph("Signed in as " + me.displayName() + ". A model reaches clinics as a "
                + "Triton model repository (<model>/config.pbtxt and <model>/<version>/model.onnx) with a "
                + "radrelay-model.json manifest, zipped. RadRelay runs ONNX models only, never vendor code; a "
                + "platform administrator approves each version before clinics can subscribe."),
                new H3("Publish a version"), upload, outcome, new H3("Your models"), versions,
                new H3("Real-world agreement"), new Paragraph("When radiologists sign a report they say whether they "
                        + "agree with each AI result. Across all clinics, by subgroup:"), agreement);
        showAgreement();
    }

    private void showAgreement() {
        // Vendors see subgroups of patients and devices; which clinic said what stays with the administrators.
        var mine = catalogue.ofVendor(vendor.id()).stream().map(ModelVersion::model).distinct().toList();
        agreement.show(catalogue.agreement().stream().filter(a -> mine.contains(a.model())
                && !"clinic".equals(a.dimension())).toList());
    }

    private void received(UploadMetadata metadata, File file) throws IOException {
        Publication result;
        try (InputStream in = Files.newInputStream(file.toPath())) {
            result = catalogue.publish(vendor.id(), me.username(), in);
        } finally {
            Files.deleteIfExists(file.toPath());
        }
        ui.access(() -> {
            switch (result) {
                case Publication.Published p -> {
                    outcome.removeAll();
                    outcome.add(new Paragraph(p.model() + " version " + p.version() + " is uploaded and waits for "
                            + "a platform administrator's approval."));
                    refresh();
                }
                case Publication.Refused r -> problems(r.problems());
            }
        });
    }

    private void problems(List<String> problems) {
        outcome.removeAll();
        UnorderedList list = new UnorderedList();
        list.setId("rr-publish-problems");
        problems.forEach(p -> list.add(new ListItem(p)));
        outcome.add(new Paragraph("The package was not accepted:"), list);
    }

    private ModelCatalogue.Usage usageOf(ModelVersion version) {
        return ModelCatalogue.usageOf(usage, version);
    }

    private void refresh() {
        usage = catalogue.usage();
        versions.setItems(catalogue.ofVendor(vendor.id()));
    }
}
