package com.radrelay.security.web;

import com.radrelay.audit.DeniedAccess;
import com.radrelay.security.ApiClient;
import com.radrelay.security.ApiScope;
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
import java.util.Locale;
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
 * clinic only, so another clinic's valid token is simply unknown here. A token without the scope a call needs
 * ({@link ApiScope#neededFor}) is answered 403 before the call runs.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private static final Pattern CLINIC_PATH = Pattern.compile("^/(?:api/clinics|dicomweb)/([a-z0-9-]+)(?:/.*)?$");

    private final TenantDirectory clinics;
    private final ApiTokens tokens;
    private final DeniedAccess denied;
    private final ClientAddresses addresses;

    ApiTokenFilter(TenantDirectory clinics, ApiTokens tokens, DeniedAccess denied, ClientAddresses addresses) {
        this.clinics = clinics;
        this.tokens = tokens;
        this.denied = denied;
        this.addresses = addresses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        Matcher path = CLINIC_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && path.matches()) {
            Optional<ApiClient> client = authenticate(path.group(1), header.substring(7).strip(), request);
            Optional<ApiScope> needed = ApiScope.neededFor(request.getMethod(), path.group(0));
            if (client.isPresent() && needed.isPresent() && !client.get().scopes().contains(needed.get())) {
                denied.denied(client.get().clinic(), client.get().getName(), "API_SCOPE", "api-token",
                        client.get().tokenId().toString(), request.getMethod() + " needs " + needed.get(),
                        addresses.of(request));
                SecurityContextHolder.clearContext();
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "This token may not "
                        + needed.get().name().toLowerCase(Locale.ROOT) + "; its scopes are "
                        + client.get().scopes().stream().sorted().map(ApiScope::label).toList());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private Optional<ApiClient> authenticate(String slug, String secret, HttpServletRequest request) {
        Optional<Tenant> clinic = clinics.bySlug(slug).filter(Tenant::active);
        Optional<ApiClient> client = clinic.flatMap(c -> CurrentTenant.call(c.id(), () -> tokens.authenticate(secret)));
        if (client.isPresent()) {
            var auth = new UsernamePasswordAuthenticationToken(client.get(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + Roles.API_CLIENT)));
            SecurityContextHolder.getContext().setAuthentication(auth);
        } else {
            denied.denied(clinic.map(Tenant::id).orElse(null), "anonymous", "API_AUTH", "clinic", slug,
                    "unknown, revoked or expired token", addresses.of(request));
        }
        return client;
    }
}
