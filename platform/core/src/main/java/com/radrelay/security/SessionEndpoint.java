package com.radrelay.security;

import java.util.Set;

/**
 * An HTTP endpoint outside the UI's views that pages call with the signed-in user's session (the browser upload,
 * later the viewer's image door): declared as a bean by the module that serves it, open to {@code roles} alone.
 * Session requests that change state carry the UI's CSRF token.
 */
public record SessionEndpoint(String pathPattern, Set<Role> roles) {

    public SessionEndpoint {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("an endpoint for nobody: " + pathPattern);
        }
        roles = Set.copyOf(roles);
    }
}
