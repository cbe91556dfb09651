package com.radrelay.shell;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.LoadDependenciesOnStartup;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page every view lives in: the Lumo theme (Vaadin 25 applies none by itself), server push on, so pages
 * follow studies as they move without a reload, and every view's components in the first download: with Vaadin's
 * per-view chunks the People page (route "people", views from two jars) opened without its components' code.
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
@LoadDependenciesOnStartup
public class AppShell implements AppShellConfigurator {
}
