package com.radrelay.marketplace;

import java.util.List;

/** What became of an upload: a new version awaiting approval, or the list of problems that refused it. */
public sealed interface Publication {

    record Published(String model, int version) implements Publication {
    }

    record Refused(List<String> problems) implements Publication {
    }
}
