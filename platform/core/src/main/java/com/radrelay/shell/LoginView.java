package com.radrelay.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

/** Sign-in page. After a failed attempt it says why: wrong credentials, or too many attempts. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · RadRelay")
@AnonymousAllowed
class LoginView extends Main implements BeforeEnterObserver {

    static final String WRONG_CREDENTIALS = "Incorrect username or password. Check them and try again.";

    private final LoginForm form = new LoginForm();

    LoginView() {
        addClassName("rr-login");
        form.setAction("login");
        form.addForgotPasswordListener(e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("password/forgot")));
        add(form, new Paragraph(new Anchor("join", "New to RadRelay? Apply to join")),
                new Paragraph("RadRelay teleradiology. Access is logged."));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            return;
        }
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.ErrorMessage error = new LoginI18n.ErrorMessage();
        if (lastFailure() instanceof LockedException locked) {
            error.setTitle("Sign-in paused");
            error.setMessage(locked.getMessage());
        } else {
            error.setTitle("Sign-in failed");
            error.setMessage(WRONG_CREDENTIALS);
        }
        i18n.setErrorMessage(error);
        form.setI18n(i18n);
        form.setError(true);
    }

    private static Object lastFailure() {
        HttpSession session = VaadinServletRequest.getCurrent().getHttpServletRequest().getSession(false);
        return session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }
}
