package com.radrelay.security.web;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.ApiClient;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.Roles;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates REST and DICOMweb calls by a clinic's bearer token. The clinic comes from the path
 * ({@code /api/clinics/{slug}/...}, {@code /dicomweb/{slug}/...}) and the token is looked up inside that
 * clinic only, so another clinic's valid token is simply unknown here.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private static final Pattern CLINIC_PATH = Pattern.compile("^/(?:api/clinics|dicomweb)/([a-z0-9-]+)(?:/.*)?$");

    private final TenantDirectory clinics;
    private final ApiTokens tokens;
    private final AuditLog audit;

    ApiTokenFilter(TenantDirectory clinics, ApiTokens tokens, AuditLog audit) {
        this.clinics = clinics;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        Matcher path = CLINIC_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && path.matches()) {
            authenticate(path.group(1), header.substring(7).strip(), request);
        }
        chain.doFilter(request, response);
    }

    private void authenticate(String slug, String secret, HttpServletRequest request) {
        Optional<Tenant> clinic = clinics.bySlug(slug).filter(Tenant::active);
        Optional<ApiClient> client = clinic.flatMap(c -> CurrentTenant.call(c.id(), () -> tokens.authenticate(secret)));
        if (client.isPresent()) {
            var auth = new UsernamePasswordAuthenticationToken(client.get(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + Roles.API_CLIENT)));
            SecurityContextHolder.getContext().setAuthentication(auth);
        } else {
            audit.record(new AuditEvent(clinic.map(Tenant::id).orElse(null), "anonymous", "API_AUTH", "clinic", slug,
                    AuditEvent.Outcome.DENIED, "unknown or revoked token; address=" + request.getRemoteAddr()));
        }
    }
}
