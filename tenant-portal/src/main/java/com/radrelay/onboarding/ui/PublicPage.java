package com.radrelay.onboarding.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import java.util.List;

/** The frame of the pages anyone may open (sign-up, e-mailed links): a narrow column, one title, one error line. */
abstract class PublicPage extends Composite<VerticalLayout> {

    private final VerticalLayout body = new VerticalLayout();
    private final Paragraph error = new Paragraph();

    PublicPage(String title) {
        VerticalLayout root = getContent();
        root.setMaxWidth("44rem");
        root.getStyle().set("margin", "0 auto");
        Span brand = new Span("RadRelay");
        brand.addClassName("rr-brand");
        H2 heading = new H2(title);
        heading.setId("rr-view-title");
        error.setId("rr-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        body.setPadding(false);
        root.add(new H1(brand), heading, error, body);
    }

    final void show(Component... components) {
        body.removeAll();
        body.add(components);
    }

    final void fail(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    final void clearError() {
        error.setVisible(false);
    }

    /** Replaces the form with what happened and where to go next. */
    final void done(String message, Anchor next) {
        clearError();
        Paragraph text = new Paragraph(message);
        text.setId("rr-done");
        show(text, next);
    }

    static String token(BeforeEnterEvent event) {
        List<String> values = event.getLocation().getQueryParameters().getParameters().getOrDefault("token",
                List.of());
        return values.isEmpty() ? "" : values.getFirst();
    }

    static Anchor signIn() {
        return new Anchor("login", "Go to sign-in");
    }
}
