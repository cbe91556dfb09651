package com.radrelay.reporting.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

/**
 * A "Dictate" button for one text area, using the browser's speech recognition; it does not show in browsers
 * without one. Recognised phrases are added at the end of the text, which the reader then checks and edits.
 */
@Tag("rr-dictation")
@JsModule("./rr-dictation.js")
class Dictation extends Component {

    Dictation(String targetId) {
        getElement().setProperty("target", targetId);
        getElement().setAttribute("id", targetId + "-dictation");
    }
}
