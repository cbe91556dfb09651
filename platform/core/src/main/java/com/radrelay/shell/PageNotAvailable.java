package com.radrelay.shell;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.UserAccounts;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The answer, inside the app's layout, to a page that does not exist and to one that is not for the signed-in role:
 * the same words for both, so a user learns nothing about pages of other roles; each refusal is audited.
 */
final class PageNotAvailable {

    private PageNotAvailable() {
    }

    static int show(VerticalLayout page, BeforeEnterEvent event, AuditLog audit) {
        String path = "/" + event.getLocation().getPath();
        UserAccounts.current().ifPresent(user -> audit.record(new AuditEvent(user.tenant().orElse(null),
                user.username(), "PAGE_REFUSED", "page", path, AuditEvent.Outcome.DENIED, "role=" + user.role())));
        page.removeAll();
        H2 title = new H2("This page is not available");
        title.setId("rr-page-not-available");
        page.add(title, new Paragraph("It does not exist, or it is not part of what your account may do."),
                new RouterLink("Go to your home page", HomeView.class));
        return HttpServletResponse.SC_NOT_FOUND;
    }

    /** A route no one has, or, in production mode, one the user may not open (Vaadin then hides it as missing). */
    @ParentLayout(MainLayout.class)
    @PermitAll
    static class Missing extends VerticalLayout implements HasErrorParameter<NotFoundException> {

        private final AuditLog audit;

        Missing(AuditLog audit) {
            this.audit = audit;
        }

        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
            return show(this, event, audit);
        }
    }

    /** A route the user may not open, in development mode. */
    @ParentLayout(MainLayout.class)
    @PermitAll
    static class Denied extends VerticalLayout implements HasErrorParameter<AccessDeniedException> {

        private final AuditLog audit;

        Denied(AuditLog audit) {
            this.audit = audit;
        }

        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
            return show(this, event, audit);
        }
    }
}
