package com.radrelay.marketplace.ui;

import com.radrelay.inference.AiResults;
import com.radrelay.marketplace.ModelCatalogue;
import com.radrelay.marketplace.ModelVersion;
import com.radrelay.marketplace.Subscriptions;
import com.radrelay.security.Roles;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.Priority;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The clinic manager's marketplace: approved models, searchable by use, modality, body part and price; a page per
 * model with its manifest and how it has run for this clinic; subscribing with a routing rule.
 */
@Route("clinic/ai")
@PageTitle("AI marketplace · RadRelay")
@Menu(order = 25, icon = "vaadin:cubes", title = "AI marketplace")
@RolesAllowed(Roles.CLINIC_MANAGER)
class CatalogueView extends Composite<VerticalLayout> {

    private static final String ANY = "Any";

    private final ModelCatalogue catalogue;
    private final Subscriptions subscriptions;
    private final AiResults results;
    private final SignedInUser me = UserAccounts.current().orElseThrow();
    private final TenantId clinic = me.tenant().orElseThrow();
    private final TextField search = new TextField();
    private final Select<String> modality = new Select<>();
    private final Select<String> bodyPart = new Select<>();
    private final BigDecimalField maxPrice = new BigDecimalField("Price per study at most");
    private final Grid<ModelVersion> grid = new Grid<>();
    private final Div detail = new Div();
    private List<ModelVersion> all = List.of();
    private Map<String, Subscriptions.Subscription> subscribed = Map.of();

    CatalogueView(ModelCatalogue catalogue, Subscriptions subscriptions, AiResults results) {
        this.catalogue = catalogue;
        this.subscriptions = subscriptions;
        this.results = results;
        H2 title = new H2("AI marketplace");
        title.setId("rr-view-title");
        search.setLabel("Search");
        search.setPlaceholder("intended use, name, vendor");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        modality.setLabel("Modality");
        bodyPart.setLabel("Body part");
        search.addValueChangeListener(e -> filter());
        modality.addValueChangeListener(e -> filter());
        bodyPart.addValueChangeListener(e -> filter());
        maxPrice.addValueChangeListener(e -> filter());

        grid.setId("rr-catalogue");
        grid.addColumn(ModelVersion::title).setHeader("Model").setFlexGrow(1);
        grid.addColumn(ModelVersion::vendor).setHeader("Vendor").setAutoWidth(true);
        grid.addColumn(v -> String.join(", ", v.modalities())).setHeader("Modalities").setAutoWidth(true);
        grid.addColumn(v -> v.bodyParts().isEmpty() ? "any" : String.join(", ", v.bodyParts()))
                .setHeader("Body parts").setAutoWidth(true);
        grid.addColumn(CatalogueView::price).setHeader("Price per study").setAutoWidth(true);
        grid.addColumn(v -> subscribed.containsKey(v.model()) ? "subscribed" : "").setHeader("").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        // A click that lands while the list is being refiltered names no row.
        grid.addItemClickListener(e -> Optional.ofNullable(e.getItem()).ifPresent(this::show));
        reload();
        getContent().add(title, new Paragraph("AI is assistive: results attach to the study for the radiologist "
                + "and never replace the read. Each model runs on the studies your routing rule selects, and is "
                + "billed per study it reads."), new HorizontalLayout(search, modality, bodyPart, maxPrice), grid,
                detail);
    }

    /** Read once per change: the grid asks for each row's subscription as it draws. */
    private void reload() {
        all = catalogue.approved();
        subscribed = subscriptions.of(clinic).stream().filter(Subscriptions.Subscription::active)
                .collect(Collectors.toMap(Subscriptions.Subscription::model, Function.identity()));
        setOptions(modality, all.stream().flatMap(v -> v.modalities().stream()));
        setOptions(bodyPart, all.stream().flatMap(v -> v.bodyParts().stream()));
        filter();
    }

    private static void setOptions(Select<String> select, Stream<String> values) {
        List<String> options = Stream.concat(Stream.of(ANY), values.distinct().sorted()).toList();
        select.setItems(options);
        select.setValue(ANY);
    }

    private void filter() {
        String text = search.getValue().strip().toLowerCase(Locale.ROOT);
        BigDecimal limit = maxPrice.getValue();
        grid.setItems(all.stream()
                .filter(v -> text.isEmpty() || (v.title() + " " + v.intendedUse() + " " + v.vendor() + " "
                        + v.model()).toLowerCase(Locale.ROOT).contains(text))
                .filter(v -> ANY.equals(modality.getValue()) || v.modalities().contains(modality.getValue()))
                .filter(v -> ANY.equals(bodyPart.getValue()) || v.bodyParts().isEmpty()
                        || v.bodyParts().contains(bodyPart.getValue()))
                .filter(v -> limit == null || v.price().compareTo(limit) <= 0)
                .toList());
    }

    private void show(ModelVersion v) {
        detail.removeAll();
        detail.setId("rr-model-page");
        Optional<Subscriptions.Subscription> current = Optional.ofNullable(subscribed.get(v.model()));
        AiResults.Usage usage = results.usage(clinic, v.model());
        CheckboxGroup<String> modalities = new CheckboxGroup<>("Run on studies with modality");
        modalities.setItems(v.modalities());
        modalities.setValue(current.map(s -> Set.copyOf(s.rule().modalities())).orElse(Set.copyOf(v.modalities())));
        TextField bodyParts = new TextField("Only these body parts (comma-separated; empty: any)");
        bodyParts.setValue(current.map(s -> String.join(", ", s.rule().bodyParts())).orElse(""));
        bodyParts.setWidthFull();
        TextField pattern = new TextField("Only study descriptions matching (regular expression; empty: any)");
        pattern.setValue(current.map(s -> s.rule().descriptionPattern()).map(String::valueOf).orElse(""));
        pattern.setWidthFull();
        Select<Priority> priority = new Select<>();
        priority.setLabel("Priority when studies wait for AI");
        priority.setItems(Priority.values());
        priority.setItemLabelGenerator(p -> switch (p) {
            case ROUTINE -> "Routine";
            case URGENT -> "Urgent: before routine models";
            case STAT -> "Stat: first";
        });
        priority.setValue(current.map(s -> s.rule().priority()).orElse(Priority.ROUTINE));
        priority.setId("rr-routing-priority");
        Button subscribe = new Button(current.isPresent() ? "Save routing rule" : "Subscribe", e -> {
            try {
                subscriptions.subscribe(clinic, v.model(), new Subscriptions.Rule(List.copyOf(modalities.getValue()),
                        Arrays.stream(bodyParts.getValue().split(",")).map(String::strip).filter(b -> !b.isEmpty())
                                .toList(), pattern.getValue(), priority.getValue()), me.username());
                Notification.show("Subscribed: new studies matching the rule go to " + v.title() + ".");
                reload();
                show(v);
            } catch (IllegalArgumentException ex) {
                pattern.setInvalid(true);
                pattern.setErrorMessage(ex.getMessage());
            }
        });
        subscribe.addThemeVariants(ButtonVariant.PRIMARY);
        subscribe.setId("rr-subscribe");
        Button unsubscribe = new Button("Unsubscribe", e -> {
            subscriptions.unsubscribe(clinic, v.model(), me.username());
            Notification.show("Unsubscribed: " + v.title() + " reads no new study.");
            reload();
            show(v);
        });
        unsubscribe.setVisible(current.isPresent());
        detail.add(new H3(v.title()), new Paragraph("By " + v.vendor() + ", version " + v.version() + ". "
                + v.intendedUse()), new Paragraph("Regulatory status: " + v.regulatoryStatus()),
                new Paragraph("Price: " + price(v) + " per study read."),
                new Paragraph(usage.runs() == 0 ? "It has not read any of your studies yet."
                        : "For your clinic: " + usage.runs() + " studies read, " + usage.failed() + " failed, median "
                                + String.format(Locale.ROOT, "%.1f", usage.medianSeconds()) + " s per study."),
                new Paragraph(agreement(v)),
                modalities, bodyParts, pattern, priority, new HorizontalLayout(subscribe, unsubscribe));
    }

    /** The version's real-world agreement across clinics, as the catalogue shows it before anyone subscribes. */
    private String agreement(ModelVersion v) {
        return catalogue.agreement().stream().filter(a -> a.model().equals(v.model())
                && a.version().equals(Integer.toString(v.version())) && a.dimension().equals("all")).findFirst()
                .map(a -> "Measured in real use: radiologists agreed with it in " + String.format(Locale.ROOT,
                        "%.0f %%", 100 * a.rate()) + " of " + a.reviewed() + " reviewed studies, across clinics.")
                .orElse("Measured in real use: no radiologist has reviewed its results yet.");
    }

    private static String price(ModelVersion v) {
        return v.price().stripTrailingZeros().toPlainString() + " " + v.currency();
    }
}
