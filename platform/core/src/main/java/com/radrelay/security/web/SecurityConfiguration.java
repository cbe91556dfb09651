package com.radrelay.security.web;

import com.radrelay.audit.AuditLog;
import com.radrelay.audit.DeniedAccess;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.Role;
import com.radrelay.security.Roles;
import com.radrelay.security.SecondFactors;
import com.radrelay.security.SessionEndpoint;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.TenantDirectory;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

    private static final Pattern API_PATH = Pattern.compile("^/(?:api|dicomweb)/.*");

    /** REST and DICOMweb: stateless, bearer tokens of one clinic, no cookies so no CSRF exposure. */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, TenantDirectory clinics, ApiTokens tokens,
            DeniedAccess denied, SecuritySettings settings) throws Exception {
        return http.securityMatcher(request -> API_PATH.matcher(apiPath(request)).matches())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiTokenFilter(clinics, tokens, denied,
                        new ClientAddresses(settings.trustedProxies())), BasicAuthenticationFilter.class)
                // A failure inside an API call is rendered by /error: the client gets its status (500), not the
                // UI chain's redirect to the login page.
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().hasRole(Roles.API_CLIENT))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                    response.setHeader("WWW-Authenticate", "Bearer realm=\"radrelay\"");
                    new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED).commence(request, response, ex);
                }))
                .build();
    }

    /** The path of the request, or for an error dispatch the path of the request that failed. */
    private static String apiPath(HttpServletRequest request) {
        Object failed = request.getDispatcherType() == DispatcherType.ERROR
                ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) : null;
        String uri = failed instanceof String f ? f : request.getRequestURI();
        return uri.substring(Math.min(request.getContextPath().length(), uri.length()));
    }

    /** The web UI: Vaadin's login view, session cookies, Vaadin's CSRF protection, role-annotated views. */
    @Bean
    @Order(2)
    SecurityFilterChain uiSecurity(HttpSecurity http, UserAccounts accounts, PasswordEncoder passwords,
            SignInAttempts attempts, AuditLog audit, List<SessionEndpoint> endpoints, TenantDirectory clinics,
            SecuritySettings settings, Clock clock, SecondFactors secondFactors) throws Exception {
        DaoAuthenticationProvider byPassword = new DaoAuthenticationProvider(accounts);
        byPassword.setPasswordEncoder(passwords);
        return http
                .authenticationProvider(new ThrottledAuthenticationProvider(byPassword, attempts, audit, clock,
                        new ClientAddresses(settings.trustedProxies()), clinics, secondFactors))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .addFilterAfter(new AccountStillAllowedFilter(accounts, clinics, audit,
                        settings.recheckAccountEvery()), SecurityContextHolderFilter.class)
                // Before Vaadin's rules, which refuse every path that is not one of its own.
                .authorizeHttpRequests(a -> endpoints.forEach(e -> a.requestMatchers(e.pathPattern())
                        .hasAnyAuthority(e.roles().stream().map(Role::authority).toArray(String[]::new))))
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView("/login", "/login"))
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt today; the {id} prefix lets stored hashes move to a stronger algorithm on next sign-in.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
