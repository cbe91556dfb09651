package com.radrelay.onboarding.ui;

import com.radrelay.onboarding.ApplicantKind;
import com.radrelay.onboarding.ApplicationSummary;
import com.radrelay.onboarding.LinkCheck;
import com.radrelay.onboarding.SigningUp;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.Optional;

/** The applicant answers the administrator's question (and may attach a new licence scan). */
@Route(value = "join/continue", autoLayout = false)
@PageTitle("Your application · RadRelay")
@AnonymousAllowed
class AnswerView extends PublicPage implements BeforeEnterObserver {

    private final SigningUp signUp;

    AnswerView(SigningUp signUp) {
        super("Your application");
        this.signUp = signUp;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String token = token(event);
        Optional<ApplicationSummary> application = signUp.awaitingAnswer(token);
        if (application.isEmpty()) {
            fail(LinkCheck.explain(signUp.checkAnswerLink(token)));
            return;
        }
        TextArea answer = new TextArea("Your answer");
        answer.setId("rr-answer");
        answer.setWidthFull();
        LicenceUpload scan = new LicenceUpload(this::fail, this::clearError);
        Button send = new Button("Send the answer", e -> {
            try {
                LinkCheck result = signUp.answer(token, answer.getValue(), scan.document());
                if (result instanceof LinkCheck.Valid) {
                    done("Thank you. Your application is back with our administrators.", new Anchor("", "Back"));
                } else {
                    fail(LinkCheck.explain(result));
                }
            } catch (IllegalArgumentException ex) {
                fail(Messages.sentence(ex));
            }
        });
        send.setId("rr-send-answer");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout form = new VerticalLayout(new Paragraph("Our administrator asks:"),
                question(application.get().question()), answer);
        form.setPadding(false);
        if (application.get().kind() == ApplicantKind.RADIOLOGIST) {
            form.add(new Paragraph("If you were asked for a better scan of your licence, attach it here."),
                    scan.upload);
        }
        form.add(send);
        show(form);
    }

    private static Paragraph question(String text) {
        Paragraph question = new Paragraph(text);
        question.setId("rr-question");
        question.getStyle().set("border-left", "3px solid var(--lumo-primary-color)").set("padding-left", "1em")
                .set("white-space", "pre-wrap");
        return question;
    }
}
