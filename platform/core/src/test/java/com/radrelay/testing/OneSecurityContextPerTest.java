package com.radrelay.testing;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Vaadin installs its context's SecurityContextHolderStrategy (an instance with its own thread-local) as the
 * JVM-wide strategy when a context starts. A production JVM has one context; a test JVM caches several, and
 * the last one started would own the static holder while an earlier one serves requests, so code reading
 * {@link SecurityContextHolder} would not see what that context's filters stored. Before each test instance
 * the strategy of the context in use is put back.
 */
public class OneSecurityContextPerTest implements TestExecutionListener {

    @Override
    public void prepareTestInstance(TestContext testContext) {
        testContext.getApplicationContext().getBeanProvider(SecurityContextHolderStrategy.class)
                .ifUnique(SecurityContextHolder::setContextHolderStrategy);
    }
}
