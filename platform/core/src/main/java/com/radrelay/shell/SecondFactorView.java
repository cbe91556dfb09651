package com.radrelay.shell;

import com.radrelay.security.Roles;
import com.radrelay.security.SecondFactors;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import io.nayuki.qrcodegen.QrCode;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The second step of signing in: the code from the authenticator app (or a recovery code); the first time, setting
 * the app up from a QR code and keeping the recovery codes. Only then does the session get its role.
 */
@Route(value = "second-factor", autoLayout = false)
@PageTitle("Second factor · RadRelay")
@RolesAllowed(Roles.SECOND_FACTOR)
class SecondFactorView extends Main {

    private final SecondFactors factors;
    private final SignedInUser me;

    SecondFactorView(SecondFactors factors) {
        this.factors = factors;
        this.me = UserAccounts.current().orElseThrow();
        addClassName("rr-login");
        H2 title = new H2("Second factor");
        title.setId("rr-view-title");
        add(title);
        if (factors.enrolled(me.id())) {
            askForCode();
        } else {
            enrol();
        }
    }

    private void askForCode() {
        TextField code = codeField("Code from your authenticator app, or a recovery code");
        Button verify = new Button("Continue", e -> {
            switch (factors.verify(me.id(), me.username(), code.getValue())) {
                case SecondFactors.Check.Accepted a -> {
                    if (a.recoveryCodeUsed()) {
                        code.setHelperText(factors.unusedRecoveryCodes(me.id()) + " recovery codes left");
                    }
                    grantRole();
                }
                case SecondFactors.Check.Refused r -> {
                    code.setInvalid(true);
                    code.setErrorMessage(r.reason().substring(0, 1).toUpperCase() + r.reason().substring(1));
                }
            }
        });
        verify.setId("rr-second-factor-continue");
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        verify.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        add(new Paragraph("Open your authenticator app and enter the 6-digit code for RadRelay (" + me.username()
                + "). Lost your phone? Enter one of your recovery codes."), code, verify);
    }

    private void enrol() {
        SecondFactors.Enrolment enrolment = factors.start(me.id(), me.username());
        Div qr = new Div();
        qr.getElement().setProperty("innerHTML", svg(QrCode.encodeText(enrolment.uri(), QrCode.Ecc.MEDIUM)));
        qr.setWidth("220px");
        Span secret = new Span(enrolment.secret());
        secret.setId("rr-totp-secret");
        TextField code = codeField("The 6-digit code your app now shows");
        Button confirm = new Button("Set up", e -> factors.confirm(me.id(), me.username(), code.getValue())
                .ifPresentOrElse(this::showRecoveryCodes, () -> {
                    code.setInvalid(true);
                    code.setErrorMessage("That code does not match: check the app's clock and try the next code");
                }));
        confirm.setId("rr-second-factor-continue");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new Paragraph("Your role needs a second factor. Scan this code with an authenticator app (Google "
                + "Authenticator, Microsoft Authenticator, FreeOTP, …), or type the key below into it."), qr,
                new Paragraph(new Span("Key: "), secret), code, confirm);
    }

    private void showRecoveryCodes(List<String> codes) {
        removeAll();
        Pre list = new Pre(String.join("\n", codes));
        list.setId("rr-recovery-codes");
        Button done = new Button("I have kept them: continue", e -> grantRole());
        done.setId("rr-second-factor-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2("Recovery codes"), new Paragraph("Each code signs you in once if your phone is lost. Keep them "
                + "somewhere safe: they are shown only now."), list, done);
    }

    /**
     * The session now holds the person's own role, saved where Spring Security reads it on the next request: the page
     * then reloads into it (this request ends with the context it began with).
     */
    private void grantRole() {
        UsernamePasswordAuthenticationToken full = UsernamePasswordAuthenticationToken.authenticated(me, null,
                me.getAuthorities());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(full);
        new HttpSessionSecurityContextRepository().saveContext(context,
                VaadinServletRequest.getCurrent().getHttpServletRequest(),
                VaadinServletResponse.getCurrent().getHttpServletResponse());
        UI.getCurrent().getPage().setLocation("/");
    }

    private static TextField codeField(String label) {
        TextField code = new TextField(label);
        code.setId("rr-second-factor-code");
        code.setAutofocus(true);
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.setWidth("20em");
        return code;
    }

    /** The QR code as an SVG of dark modules on a light background with a quiet zone. */
    private static String svg(QrCode qr) {
        int border = 4;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append("M").append(x + border).append(",").append(y + border).append("h1v1h-1z");
                }
            }
        }
        int size = qr.size + 2 * border;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" "
                + "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code of the authenticator key\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }
}
