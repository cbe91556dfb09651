package com.radrelay.marketplace.ui;

import com.radrelay.inference.InferenceFailure;
import com.radrelay.inference.TritonRepository;
import com.radrelay.marketplace.MarketplaceSettings;
import com.radrelay.marketplace.ModelCatalogue;
import com.radrelay.marketplace.ModelVersion;
import com.radrelay.security.Roles;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The platform administrator's review of uploaded model versions: read the manifest, then approve or reject. */
@Route("admin/models")
@PageTitle("AI models · RadRelay")
@Menu(order = 13, icon = "vaadin:cubes", title = "AI models")
@RolesAllowed(Roles.PLATFORM_ADMIN)
class ModelReviewView extends Composite<VerticalLayout> {

    private final ModelCatalogue catalogue;
    private final SignedInUser me = UserAccounts.current().orElseThrow();
    private final Grid<ModelVersion> pending = new Grid<>();
    private final Grid<ModelVersion> approved = new Grid<>();
    private final Div detail = new Div();

    ModelReviewView(ModelCatalogue catalogue, MarketplaceSettings settings) {
        this.catalogue = catalogue;
        AgreementGrid agreement = new AgreementGrid(settings);
        agreement.show(catalogue.agreement());
        H2 title = new H2("AI models");
        title.setId("rr-view-title");
        pending.setId("rr-models-pending");
        approved.setId("rr-models-approved");
        for (Grid<ModelVersion> grid : List.of(pending, approved)) {
            grid.addColumn(ModelVersion::title).setHeader("Model").setFlexGrow(1);
            grid.addColumn(ModelVersion::vendor).setHeader("Vendor").setAutoWidth(true);
            grid.addColumn(ModelVersion::version).setHeader("Version").setAutoWidth(true);
            grid.addColumn(v -> String.join(", ", v.modalities())).setHeader("Modalities").setAutoWidth(true);
            grid.setAllRowsVisible(true);
        }
        pending.addItemClickListener(e -> Optional.ofNullable(e.getItem()).ifPresent(this::show));
        refresh();
        getContent().add(title, new Paragraph("A version reaches clinics only once approved here. Check that the "
                + "manifest says honestly what the model does and for whom, and its regulatory status."),
                new H3("Awaiting approval"), pending, detail, new H3("In the catalogue"), approved,
                new H3("Real-world agreement"), new Paragraph("Signing radiologists' agreement with each result, "
                        + "across clinics and by subgroup; a subgroup below the threshold with enough reviews is "
                        + "mailed to the vendor and the administrators once."), agreement,
                new H3("On the inference server"), server());
    }

    /** The inference server's own account of its models (Triton's repository index): loaded and ready, or why not. */
    private Component server() {
        try {
            Grid<TritonRepository.Entry> grid = new Grid<>();
            grid.setId("rr-inference-server");
            grid.addColumn(TritonRepository.Entry::name).setHeader("Model").setFlexGrow(1);
            grid.addColumn(e -> e.version() == null ? "" : e.version()).setHeader("Version").setAutoWidth(true);
            grid.addColumn(TritonRepository.Entry::state).setHeader("State").setAutoWidth(true);
            grid.addColumn(e -> e.reason() == null ? "" : e.reason()).setHeader("Reason").setAutoWidth(true);
            grid.setItems(catalogue.onTheServer());
            grid.setAllRowsVisible(true);
            return grid;
        } catch (InferenceFailure e) {
            return new Paragraph("The inference server cannot be asked: " + e.getMessage());
        }
    }

    private void show(ModelVersion v) {
        detail.removeAll();
        detail.setId("rr-model-detail");
        TextArea reason = new TextArea("Reason for a rejection (the vendor sees it)");
        reason.setWidthFull();
        Button approve = new Button("Approve", e -> decide(v, true, null));
        approve.addThemeVariants(ButtonVariant.PRIMARY);
        approve.setId("rr-model-approve");
        Button reject = new Button("Reject", e -> {
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage("Say what the vendor must change.");
                return;
            }
            decide(v, false, reason.getValue());
        });
        reject.addThemeVariants(ButtonVariant.ERROR);
        detail.add(new H3(v.title() + " (" + v.model() + ", version " + v.version() + ")"),
                new Paragraph("Vendor: " + v.vendor() + ". Uploaded by " + v.uploadedBy() + "."),
                new Paragraph("Intended use: " + v.intendedUse()),
                new Paragraph("Modalities: " + String.join(", ", v.modalities()) + ". Body parts: "
                        + (v.bodyParts().isEmpty() ? "any" : String.join(", ", v.bodyParts())) + "."),
                new Paragraph("Price per inference: " + v.price().stripTrailingZeros().toPlainString() + " "
                        + v.currency() + ". Regulatory status: " + v.regulatoryStatus()),
                new Paragraph("model.onnx: " + v.bytes() + " bytes, SHA-256 " + v.sha256()),
                reason, new HorizontalLayout(approve, reject));
    }

    private void decide(ModelVersion v, boolean approve, @Nullable String note) {
        boolean done = catalogue.decide(v.id(), approve, note, me);
        Notification.show(done ? (approve ? "Approved: clinics can now subscribe to " + v.title() + "."
                : "Rejected; the vendor sees your reason.") : "Someone decided on this version already.");
        detail.removeAll();
        refresh();
    }

    private void refresh() {
        pending.setItems(catalogue.pending());
        approved.setItems(catalogue.approved());
    }
}
