package com.radrelay.shell;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;

/** The page every view lives in: server push on, so pages follow studies as they move without a reload. */
@Push
public class AppShell implements AppShellConfigurator {
}
