package com.radrelay.shell;

import com.radrelay.security.Role;
import com.vaadin.flow.component.Component;

/** Declares which view a role lands on after sign-in; each module registers the homes it owns as beans. */
public record RoleHome(Role role, Class<? extends Component> view) {
}
